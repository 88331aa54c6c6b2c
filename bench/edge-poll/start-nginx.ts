import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type BenchNginx = { url: string; stop: () => Promise<void> };

/**
 * Starts Debian's nginx in the foreground with a configuration of its own (a temporary prefix,
 * nothing of the system's): `workers` worker processes, keep-alive without a request limit, no
 * access log, serving `body` as a static file with nginx's own strong ETag (`etag on`, its
 * default), which answers If-None-Match with 304.
 */
export async function startNginx({
  port,
  body,
  workers,
}: {
  port: number;
  body: Buffer;
  workers: number;
}): Promise<BenchNginx> {
  const prefix = mkdtempSync(join(tmpdir(), 'parapet-bench-nginx-'));
  mkdirSync(join(prefix, 'www'));
  mkdirSync(join(prefix, 'logs'));
  writeFileSync(join(prefix, 'www', 'bundle'), body);
  // As root nginx would hand its workers to `nobody`, who cannot enter a 0700 temporary folder.
  const user = process.getuid?.() === 0 ? 'user root;' : '';
  const config = `
${user}
worker_processes ${workers};
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 100000000;
  keepalive_timeout 75s;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${port};
    location = /v1/bundle {
      default_type application/json;
      etag on;
      alias ${prefix}/www/bundle;
    }
  }
}
`;
  writeFileSync(join(prefix, 'nginx.conf'), config);
  const child: ChildProcess = spawn(
    'nginx',
    ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}/v1/bundle`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error('nginx did not start in 10 s');
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    url,
    stop: async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGQUIT');
      await exited;
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
