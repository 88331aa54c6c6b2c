import { describe, expect, it } from 'vitest';
import { GENESIS_PREV } from '../event/audit-event-schema';
import { chainEvents } from './chain-events';

const h = (n: number) => String(n).padStart(64, '0').replace(/^0/, 'a');
const link = (seq: number, prev: string) => ({ id: `id-${seq}`, seq, prev, hash: h(seq) });
const empty = { lastSeq: 0, lastHash: GENESIS_PREV };

describe('chainEvents', () => {
  it.each<[string, { lastSeq: number; lastHash: string }, ReturnType<typeof link>[], string[]]>([
    ['a first event', empty, [link(1, GENESIS_PREV)], ['first']],
    [
      'a clean run',
      empty,
      [link(1, GENESIS_PREV), link(2, h(1)), link(3, h(2))],
      ['first', 'ok', 'ok'],
    ],
    ['a continuation', { lastSeq: 7, lastHash: h(7) }, [link(8, h(7))], ['ok']],
    ['a device that begins past 1', empty, [link(4, h(3))], ['gap']],
    ['seq 1 with another prev', empty, [link(1, h(9))], ['break']],
    ['a jump', { lastSeq: 2, lastHash: h(2) }, [link(5, h(4)), link(6, h(5))], ['gap', 'ok']],
    ['an edit', { lastSeq: 2, lastHash: h(2) }, [link(3, h(99)), link(4, h(3))], ['break', 'ok']],
    ['a late event', { lastSeq: 9, lastHash: h(9) }, [link(4, h(3))], ['late']],
    ['a repeated seq with a new id', { lastSeq: 3, lastHash: h(3) }, [link(3, h(2))], ['late']],
  ])('%s', (_name, state, links, flags) => {
    expect(chainEvents(state, links).flags).toEqual(flags);
  });

  it('moves to the highest seq and counts what happened', () => {
    const { change } = chainEvents({ lastSeq: 2, lastHash: h(2) }, [
      link(1, GENESIS_PREV),
      link(5, h(4)),
      link(6, h(99)),
      link(9, h(8)),
    ]);
    expect(change).toEqual({
      next: { lastSeq: 9, lastHash: h(9) },
      gaps: 2,
      missing: 4,
      breaks: 1,
      late: 1,
      lastIssue: { kind: 'gap', seq: 9, id: 'id-9' },
    });
  });

  it('stays put when only late events arrive', () => {
    const state = { lastSeq: 5, lastHash: h(5) };
    expect(chainEvents(state, [link(2, h(1))]).change.next).toEqual(state);
  });
});
