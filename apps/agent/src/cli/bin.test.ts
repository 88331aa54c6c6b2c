import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentFixture, enrolledAgent } from '../testing/agent-fixture';
import { EventStream } from '../testing/event-stream';

// The installed command, as an operator or a script runs it: the real bin through tsx, real
// stdout and stderr, real exit statuses. The in-process tests cover the behaviour in depth.

const bin = join(dirname(fileURLToPath(import.meta.url)), '../../bin/parapet-agent.mjs');

function spawnAgent(args: string[], onStdout?: (text: string) => void) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
    onStdout?.(text);
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  child.stdin.end();
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

const agent = (args: string[]) => spawnAgent(args).done;

let fixture: AgentFixture;
beforeAll(async () => {
  fixture = await enrolledAgent({ enroll: false });
});
afterAll(async () => {
  await fixture.close();
});

describe('bin/parapet-agent.mjs', () => {
  it('prints usage: exit 0 when asked, 2 when no command is given', async () => {
    const help = await agent(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: parapet-agent <command>');
    const none = await agent([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage:');
  });

  it('enrolls, pulls, decides, refuses a forgery (exit 3) and watches until revoked (exit 4)', async () => {
    const state = ['--state', fixture.stateDir];
    const enrolled = await agent([
      'enroll',
      '--server',
      fixture.edge.url,
      '--token',
      fixture.edge.enrollmentToken,
      ...state,
    ]);
    expect(enrolled.code).toBe(0);

    await fixture.serve({ ver: 1 });
    expect((await agent(['pull', ...state])).code).toBe(0);
    const decided = await agent(['decide', '{"surface":"network","host":"example.com"}', ...state]);
    expect(decided.code).toBe(0);
    expect(JSON.parse(decided.stdout)).toMatchObject({ decision: 'deny', ruleId: null, ver: 1 });

    await fixture.serve({ ver: 0 });
    const refused = await agent(['pull', ...state]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(
      /^parapet-agent pull: refused the bundle the edge served \(rollback\)/,
    );
    expect(refused.stderr).not.toContain('    at ');

    const stream = new EventStream();
    const watch = spawnAgent(['pull', '--watch', '--wait', '5', ...state], stream.write);
    await stream.next((event) => event.event === 'started');
    await fixture.serve({ ver: 2 });
    expect(await stream.next((event) => event.event === 'bundle')).toMatchObject({ ver: 2 });
    fixture.edge.deviceRefusal = { status: 403, code: 'DEVICE_REVOKED' };
    fixture.edge.serve(fixture.edge.bundle);
    const ended = await watch.done;
    expect(ended.code).toBe(4);
    expect(stream.events.at(-1)).toMatchObject({ event: 'device_refused', code: 'DEVICE_REVOKED' });
    expect(ended.stderr).toContain('the edge refused this device');
  });
});
