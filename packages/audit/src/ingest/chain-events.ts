import { GENESIS_PREV } from '../event/audit-event-schema';
import type { ChainStatus } from '../event/export-record';

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

type Link = { id: string; seq: number; prev: string; hash: string };

/**
 * Flags each new event by how it continues its device's chain (docs/audit.md, "The chain on
 * arrival"). `links` must be in seq order; `flags[i]` is the flag of `links[i]`. The chain moves
 * to the highest seq seen; nothing is dropped, only flagged.
 */
export function chainEvents(
  state: ChainState,
  links: readonly Link[],
): { flags: ChainStatus[]; change: ChainChange } {
  const change: ChainChange = {
    next: { ...state },
    gaps: 0,
    missing: 0,
    breaks: 0,
    late: 0,
    lastIssue: null,
  };
  const flags: ChainStatus[] = [];
  for (const link of links) {
    const flag = flagOf(change.next, link);
    flags.push(flag);
    if (flag === 'gap') {
      change.gaps += 1;
      change.missing += link.seq - change.next.lastSeq - 1;
    } else if (flag === 'break') change.breaks += 1;
    else if (flag === 'late') change.late += 1;
    if (flag !== 'ok' && flag !== 'first') {
      change.lastIssue = { kind: flag, seq: link.seq, id: link.id };
    }
    if (flag !== 'late') change.next = { lastSeq: link.seq, lastHash: link.hash };
  }
  return { flags, change };
}

function flagOf(state: ChainState, link: Link): ChainStatus {
  if (link.seq <= state.lastSeq) return 'late';
  if (link.seq > state.lastSeq + 1) return 'gap';
  if (link.prev !== state.lastHash) return 'break';
  return state.lastSeq === 0 && link.prev === GENESIS_PREV ? 'first' : 'ok';
}
