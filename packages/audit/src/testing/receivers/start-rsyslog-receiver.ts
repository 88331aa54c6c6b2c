import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** One message as rsyslog parsed it (RFC 5424 fields), from its output file. */
export type SyslogLine = {
  pri: number;
  hostname: string;
  appName: string;
  procId: string;
  msgId: string;
  structuredData: string;
  msg: string;
};

export type RsyslogReceiver = {
  tcpPort: number;
  tlsPort: number;
  /** The test CA (PEM) that signed rsyslog's certificate for `localhost` and 127.0.0.1. */
  caPem: string;
  /** What rsyslog wrote so far for each listener. */
  read: (listener: 'tcp' | 'tls') => SyslogLine[];
  stop: () => Promise<void>;
};

const template = '%pri%|%hostname%|%app-name%|%procid%|%msgid%|%structured-data%|%msg%\\n';

/**
 * Runs the Debian rsyslog daemon as a child (`rsyslogd -n -f <temporary config>`) with two imtcp
 * listeners: plain TCP and TLS (gtls, a certificate from a CA made here with openssl), both
 * taking octet-counted frames, each writing the parsed fields of every message to a file. As
 * root, installs rsyslog and its TLS driver with apt-get when missing.
 */
export async function startRsyslogReceiver(): Promise<RsyslogReceiver> {
  ensureRsyslog();
  const dir = mkdtempSync(join(tmpdir(), 'parapet-rsyslog-'));
  makeCertificates(dir);
  const [tcpPort, tlsPort] = [await freePort(), await freePort()];
  const config = `
global(workDirectory="${dir}" maxMessageSize="256k"
  DefaultNetstreamDriverCAFile="${dir}/ca.pem"
  DefaultNetstreamDriverCertFile="${dir}/server.pem"
  DefaultNetstreamDriverKeyFile="${dir}/server.key")
module(load="imtcp" maxSessions="200")
template(name="fields" type="string" string="${template}")
ruleset(name="plain") { action(type="omfile" file="${dir}/tcp.log" template="fields" flushOnTXEnd="on") }
ruleset(name="secure") { action(type="omfile" file="${dir}/tls.log" template="fields" flushOnTXEnd="on") }
input(type="imtcp" port="${tcpPort}" address="127.0.0.1" ruleset="plain")
input(type="imtcp" port="${tlsPort}" address="127.0.0.1" ruleset="secure"
  streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="anon")
`;
  writeFileSync(join(dir, 'rsyslog.conf'), config);
  const child: ChildProcess = spawn(
    'rsyslogd',
    ['-n', '-f', join(dir, 'rsyslog.conf'), '-i', join(dir, 'rsyslogd.pid')],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString('utf8');
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(tcpPort, () => child.exitCode);
    await waitForPort(tlsPort, () => child.exitCode);
  } catch (error) {
    await stop();
    throw new Error(`rsyslogd did not start: ${String(error)} ${errors}`);
  }
  return {
    tcpPort,
    tlsPort,
    caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    read: (listener) => readLines(join(dir, `${listener}.log`)),
    stop,
  };
}

function readLines(path: string): SyslogLine[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [pri, hostname, appName, procId, msgId, ...rest] = line.split('|');
      // Structured data may itself hold no '|'; the message may: rejoin after the first six.
      const [structuredData, ...msg] = rest;
      return {
        pri: Number(pri),
        hostname: hostname ?? '',
        appName: appName ?? '',
        procId: procId ?? '',
        msgId: msgId ?? '',
        structuredData: structuredData ?? '',
        msg: msg.join('|'),
      };
    });
}

function ensureRsyslog(): void {
  const driver = '/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so';
  const hasDaemon =
    spawnSync('sh', ['-c', 'command -v rsyslogd'], { stdio: 'ignore' }).status === 0;
  if (hasDaemon && existsSync(driver)) return;
  if (process.getuid?.() !== 0) {
    throw new Error('Install rsyslog first: sudo apt-get install -y rsyslog rsyslog-gnutls');
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
  const installed = spawnSync('apt-get', ['install', '-y', '-qq', 'rsyslog', 'rsyslog-gnutls'], {
    stdio: 'ignore',
    env,
  });
  if (installed.status !== 0) throw new Error('apt-get install rsyslog rsyslog-gnutls failed.');
}

/** A test CA and a server certificate for localhost and 127.0.0.1, signed by it. */
function makeCertificates(dir: string): void {
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run([
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=Parapet Test CA',
  ]);
  run(['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
  writeFileSync(
    join(dir, 'server.ext'),
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
  );
  run([
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'server.ext',
  ]);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForPort(port: number, exitCode: () => number | null): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (exitCode() !== null) throw new Error(`exited with ${exitCode()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(`port ${port} did not open`);
}
