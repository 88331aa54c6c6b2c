import { describe, expect, it } from 'vitest';
import { GENESIS_PREV } from '../event/audit-event-schema';
import { chainEvents } from './chain-events';
import { type Link, RowLinks } from './row-links';

const h = (n: number) => String(n).padStart(64, '0').replace(/^0/, 'a');
const idOf = (seq: number) => `00000000-0000-7000-8000-${String(seq).padStart(12, '0')}`;
const link = (seq: number, prev: string): Link => ({ id: idOf(seq), seq, prev, hash: h(seq) });
const empty = { lastSeq: 0, lastHash: GENESIS_PREV };

/** The links as a body's rows, flagged in the order given (the caller's seq order). */
function chain(state: { lastSeq: number; lastHash: string }, links: Link[]) {
  const rows = new RowLinks(links.length);
  for (const [at, one] of links.entries()) rows.set(at, one);
  return chainEvents(state, rows, [...links.keys()]);
}

describe('chainEvents', () => {
  it.each<[string, { lastSeq: number; lastHash: string }, Link[], string[]]>([
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
    [
      'a late event between two that chain past it',
      { lastSeq: 4, lastHash: h(4) },
      [link(2, h(1)), link(5, h(4)), link(5, h(4)), link(6, h(5))],
      ['late', 'ok', 'late', 'ok'],
    ],
    [
      'an event chained to a late one is a break',
      { lastSeq: 4, lastHash: h(4) },
      [link(3, h(2)), link(5, h(3))],
      ['late', 'break'],
    ],
  ])('%s', (_name, state, links, flags) => {
    expect(chain(state, links).flags).toEqual(flags);
  });

  it('moves to the highest seq and counts what happened', () => {
    const { change } = chain({ lastSeq: 2, lastHash: h(2) }, [
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
      lastIssue: { kind: 'gap', seq: 9, id: idOf(9) },
    });
  });

  it('stays put when only late events arrive', () => {
    const state = { lastSeq: 5, lastHash: h(5) };
    expect(chain(state, [link(2, h(1))]).change.next).toEqual(state);
  });
});

describe('RowLinks', () => {
  it('gives back what was set, and the rows in seq order', () => {
    const links = [link(7, h(6)), link(3, GENESIS_PREV), link(5, h(4)), link(3, h(1))];
    const rows = new RowLinks(links.length);
    for (const [at, one] of links.entries()) rows.set(at, one);
    expect(rows.ids()).toEqual(links.map((one) => one.id));
    expect(links.map((_, at) => [rows.seq(at), rows.hash(at)])).toEqual(
      links.map((one) => [one.seq, one.hash]),
    );
    expect(rows.seqOrder()).toEqual([1, 3, 2, 0]);
    expect(rows.prevIsHashOf(2, 3)).toBe(false);
    expect(rows.prevIs(1, GENESIS_PREV)).toBe(true);
    expect(rows.prevIs(1, h(0))).toBe(false);
    expect(rows.anySeqAtOrBelow(2)).toBe(false);
    expect(rows.anySeqAtOrBelow(3)).toBe(true);
  });

  it('refuses an id, prev or hash of the wrong length', () => {
    const rows = new RowLinks(1);
    expect(() => rows.set(0, { ...link(1, GENESIS_PREV), id: 'id-1' })).toThrow(TypeError);
    expect(() => rows.set(0, { ...link(1, 'abc'), id: idOf(1) })).toThrow(TypeError);
  });
});
