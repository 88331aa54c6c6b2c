import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { AgentRun } from './agent-cli';

const repoRoot = resolve(import.meta.dirname, '../../..');
const bin = join(repoRoot, 'apps/agent/bin/parapet-agent.mjs');

export type LoginCode = {
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  expiresIn: number;
};

/**
 * `parapet-agent login --server <edge>` running as a child process with a state folder of its
 * own, as a person runs it in a terminal: its printed code, its exit, and further commands
 * (`pull`, `status`) on the same state folder.
 */
export function startAgentLogin(server: string) {
  const state = mkdtempSync(join(tmpdir(), 'parapet-e2e-login-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [bin, 'login', '--server', server, '--state', state],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = new Promise<LoginCode>((done, fail) => {
    child.once('exit', () => fail(new Error(`login exited before printing a code: ${stderr}`)));
    if (!child.stdout) return fail(new Error('no stdout'));
    createInterface({ input: child.stdout }).on('line', (line) => {
      stdout += `${line}\n`;
      try {
        const event = JSON.parse(line) as { event?: string } & LoginCode;
        if (event.event === 'code') done(event);
      } catch {
        // Lines for people are on stderr; stdout is JSON.
      }
    });
  });
  const exited = new Promise<AgentRun>((done) =>
    child.once('exit', (exitCode) => done({ code: exitCode, stdout, stderr })),
  );
  const run = (args: string[]): Promise<AgentRun> =>
    new Promise((done, fail) => {
      const other = spawn(process.execPath, [bin, ...args, '--state', state], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      other.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      other.stderr.on('data', (chunk: Buffer) => {
        err += chunk.toString();
      });
      other.once('error', fail);
      other.once('exit', (exitCode) => done({ code: exitCode, stdout: out, stderr: err }));
    });
  return {
    code,
    exited,
    run,
    interrupt: () => child.kill('SIGINT'),
    remove: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(state, { recursive: true, force: true });
    },
  };
}
