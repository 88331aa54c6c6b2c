import { GENESIS_PREV } from '../event/audit-event-schema';
import type { ChainStatus } from '../event/export-record';
import type { RowLinks } from './row-links';

/** A device's chain as audit.device_chains holds it. */
export type ChainState = { lastSeq: number; lastHash: string };

/** What one batch did to a device's chain: the counters to add and the newest issue. */
export type ChainChange = {
  next: ChainState;
  gaps: number;
  missing: number;
  breaks: number;
  late: number;
  lastIssue: { kind: ChainStatus; seq: number; id: string } | null;
};

/**
 * Flags each new event by how it continues its device's chain (docs/audit.md, "The chain on
 * arrival"). `order` lists the rows to flag in seq order; `flags[k]` is the flag of row
 * `order[k]`. The chain moves to the highest seq seen; nothing is dropped, only flagged.
 */
export function chainEvents(
  state: ChainState,
  links: RowLinks,
  order: readonly number[],
): { flags: ChainStatus[]; change: ChainChange } {
  const change: ChainChange = {
    next: state,
    gaps: 0,
    missing: 0,
    breaks: 0,
    late: 0,
    lastIssue: null,
  };
  const flags: ChainStatus[] = [];
  let lastSeq = state.lastSeq;
  // The row whose hash the chain now ends with; -1 while it is the stored state's.
  let lastRow = -1;
  for (const at of order) {
    const seq = links.seq(at);
    let flag: ChainStatus;
    if (seq <= lastSeq) flag = 'late';
    else if (seq > lastSeq + 1) flag = 'gap';
    else if (!(lastRow < 0 ? links.prevIs(at, state.lastHash) : links.prevIsHashOf(at, lastRow))) {
      flag = 'break';
    } else flag = lastSeq === 0 && links.prevIs(at, GENESIS_PREV) ? 'first' : 'ok';
    flags.push(flag);
    if (flag === 'gap') {
      change.gaps += 1;
      change.missing += seq - lastSeq - 1;
    } else if (flag === 'break') change.breaks += 1;
    else if (flag === 'late') change.late += 1;
    if (flag !== 'ok' && flag !== 'first') {
      change.lastIssue = { kind: flag, seq, id: links.id(at) };
    }
    if (flag !== 'late') {
      lastSeq = seq;
      lastRow = at;
    }
  }
  if (lastRow >= 0) change.next = { lastSeq, lastHash: links.hash(lastRow) };
  return { flags, change };
}
