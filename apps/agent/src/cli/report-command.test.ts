import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readBufferState } from '../events/buffer-state';
import {
  bufferedEventsOf,
  decisionLine,
  deviceOnlyState,
  expectChain,
  TEST_DEVICE,
} from '../testing/event-buffer-fixture';
import { runAgent } from '../testing/run-agent';
import { spawnAgent } from '../testing/spawn-agent';

let stateDir: string;
let close: () => Promise<void>;
beforeEach(async () => {
  ({ stateDir, close } = await deviceOnlyState());
});
afterEach(async () => {
  await close();
});

const lines = (count: number, from = 0, extra: Record<string, unknown> = {}) =>
  Array.from({ length: count }, (_, index) => decisionLine(from + index, extra)).join('\n');
const report = (args: string[], stdin?: string) =>
  runAgent(
    ['report', '--no-upload', ...args, '--state', stateDir],
    stdin === undefined ? {} : { stdin },
  );

describe('parapet-agent report (buffering)', () => {
  it('buffers stdin and a file, continuing one chain across runs', async () => {
    const first = await report([], `${lines(3)}\n`);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.json()).toEqual({
      buffered: 3,
      refused: 0,
      dropped: 0,
      uploaded: 0,
      rejected: 0,
      pending: 3,
    });
    const file = join(stateDir, '..', 'events.ndjson');
    await writeFile(file, `${lines(2, 3)}\r\n\n`);
    expect((await report([file])).json()).toMatchObject({ buffered: 2, pending: 5 });
    const buffered = await bufferedEventsOf(stateDir);
    expect(buffered.map((event) => [event.seq, event.device])).toEqual(
      [1, 2, 3, 4, 5].map((seq) => [seq, TEST_DEVICE]),
    );
    expect(expectChain(buffered)).toEqual([]);
  });

  it('names each refused line on stderr, buffers the rest and exits 2', async () => {
    const input = [
      decisionLine(0),
      '{"surface":',
      decisionLine(1, { seq: 5 }),
      decisionLine(2),
    ].join('\n');
    const result = await report([], input);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'parapet-agent report: line 2 refused: not JSON\n' +
        'parapet-agent report: line 3 refused: seq: stamped by the agent, leave it out\n',
    );
    expect(result.json()).toMatchObject({ buffered: 2, refused: 2 });
    expect((await bufferedEventsOf(stateDir)).map((event) => event.resource)).toEqual([
      { host: 'host-0.example.com', port: 443 },
      { host: 'host-2.example.com', port: 443 },
    ]);
  });

  it('drops the oldest past --max-events and reports the count', async () => {
    await report(['--max-events', '4'], lines(3));
    const result = await report(['--max-events', '4'], lines(3, 3));
    expect(result.json()).toMatchObject({ buffered: 3, dropped: 2 });
    expect((await bufferedEventsOf(stateDir)).map((event) => event.seq)).toEqual([3, 4, 5, 6]);
    expect((await readBufferState(stateDir))?.counters.dropped).toBe(2);
  });

  const usage: [string, string[], string][] = [
    ['a bad --max-events', ['--max-events', 'many'], '--max-events takes a whole number'],
    [
      'too small a --max-bytes',
      ['--max-bytes', '10'],
      '--max-bytes takes a whole number of at least',
    ],
    ['a file that is not there', ['/nonexistent/events.ndjson'], 'cannot read /nonexistent'],
    ['two files', ['a', 'b'], 'unexpected argument'],
  ];
  it.each(usage)('is a usage error (exit 2): %s', async (_name, args, message) => {
    const result = await report(args, '');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('fails (exit 1) without an enrollment, and buffers nothing', async () => {
    const result = await runAgent(['report', '--state', join(stateDir, 'missing')], {
      stdin: lines(1),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no enrollment');
  });
});

describe('parapet-agent report as separate processes', () => {
  it('never gives two events the same seq when reporters run at once', async () => {
    const reporters = 6;
    const each = 30;
    const children = Array.from({ length: reporters }, () =>
      spawnAgent(['report', '--no-upload', '--state', stateDir], { keepStdinOpen: true }),
    );
    const write = (run: number, index: number) =>
      new Promise((resolve) =>
        children[run]?.child.stdin?.write(
          `${decisionLine(index, { session: { id: `run-${run}` } })}\n`,
          resolve,
        ),
      );
    // Every reporter buffers its first line before the rest flows, so all of them are running
    // and the remaining lines arrive round-robin while the others append.
    for (let run = 0; run < reporters; run++) await write(run, 0);
    await vi.waitFor(
      async () => expect((await readBufferState(stateDir))?.nextSeq).toBe(reporters + 1),
      { timeout: 60_000, interval: 100 },
    );
    for (let index = 1; index < each; index++) {
      for (let run = 0; run < reporters; run++) await write(run, index);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    for (const { child } of children) child.stdin?.end();
    for (const run of await Promise.all(children.map((child) => child.done))) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    }
    const buffered = await bufferedEventsOf(stateDir);
    expect(buffered.map((event) => event.seq)).toEqual(
      Array.from({ length: reporters * each }, (_, index) => index + 1),
    );
    expect(expectChain(buffered)).toEqual([]);
    const switches = buffered.filter(
      (event, index) => index > 0 && event.session?.id !== buffered[index - 1]?.session?.id,
    ).length;
    // The runs' events interleave in seq order: they really appended at the same time.
    expect(switches).toBeGreaterThan(reporters);
    const state = await readBufferState(stateDir);
    expect(state?.counters).toMatchObject({ dropped: 0, torn: 0, corrupt: 0 });
    for (let run = 0; run < reporters; run++) {
      expect(buffered.filter((event) => event.session?.id === `run-${run}`)).toHaveLength(each);
    }
  });
});
