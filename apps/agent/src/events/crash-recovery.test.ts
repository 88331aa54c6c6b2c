import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  bufferedEventsOf,
  decisionLine,
  deviceOnlyState,
  expectChain,
  TEST_DEVICE,
} from '../testing/event-buffer-fixture';
import { spawnAgent } from '../testing/spawn-agent';
import { appendEvents } from './append-events';
import { DEFAULT_BUFFER_LIMITS } from './buffer-limits';
import { readBufferState } from './buffer-state';

let stateDir: string;
let close: () => Promise<void>;
beforeEach(async () => {
  ({ stateDir, close } = await deviceOnlyState());
});
afterEach(async () => {
  await close();
});

/** Feeds a reporter lines in small writes until it is told to stop or its stdin breaks. */
function feed(child: ReturnType<typeof spawnAgent>['child'], run: number, count: number) {
  let index = 0;
  let stopped = false;
  const next = () => {
    if (stopped || child.stdin === null || child.stdin.destroyed) return;
    if (index >= count) return void child.stdin.end();
    const chunk = Array.from({ length: 20 }, () =>
      decisionLine(index++, { session: { id: `run-${run}` } }),
    ).join('\n');
    child.stdin.write(`${chunk}\n`, () => setImmediate(next));
  };
  next();
  return () => {
    stopped = true;
  };
}

describe('the event buffer across kill -9', () => {
  it('keeps one unbroken chain and every acknowledged event, whenever the reporter dies', async () => {
    const completed: number[] = [];
    for (let run = 0; run < 8; run++) {
      const reporter = spawnAgent(['report', '--no-upload', '--state', stateDir], {
        keepStdinOpen: true,
      });
      const before = (await readBufferState(stateDir))?.nextSeq ?? 1;
      const stop = feed(reporter.child, run, 2000);
      const finishes = run % 4 === 3;
      if (!finishes) {
        // Once this run is appending, kill it at an arbitrary moment of its work.
        await vi.waitFor(
          async () =>
            expect((await readBufferState(stateDir))?.nextSeq ?? 1).toBeGreaterThan(before),
          { timeout: 60_000, interval: 20 },
        );
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 150));
        reporter.child.kill('SIGKILL');
      }
      const ended = await reporter.done;
      stop();
      // A run the kill came too late for finished normally: its events were acknowledged.
      if (finishes || ended.code === 0) {
        expect(ended.code).toBe(0);
        completed.push(run);
      } else {
        expect(ended.signal).toBe('SIGKILL');
      }
      // The next writer repairs what the dead one left, under the lock it left behind.
      await appendEvents({
        stateDir,
        device: TEST_DEVICE,
        events: [],
        limits: DEFAULT_BUFFER_LIMITS,
      });
      const buffered = await bufferedEventsOf(stateDir);
      expect(expectChain(buffered)).toEqual([]);
      expect(buffered.at(-1)?.seq ?? 0).toBe(((await readBufferState(stateDir))?.nextSeq ?? 1) - 1);
    }
    const buffered = await bufferedEventsOf(stateDir);
    for (const run of completed) {
      expect(buffered.filter((event) => event.session?.id === `run-${run}`)).toHaveLength(2000);
    }
    expect((await readBufferState(stateDir))?.counters).toMatchObject({ dropped: 0, corrupt: 0 });
  }, 300_000);
});
