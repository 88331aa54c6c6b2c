import type { ChainStatus } from '@parapet/accounts';
import { Alert } from '../ui/alert';

/** "Chain verified" or "Chain broken at #N", from verifying every row's hash. */
export function ChainStatusBadge({ chain }: { chain: ChainStatus }) {
  if (chain.ok) {
    return (
      <Alert tone="success">
        <span className="font-medium">Chain verified</span>: all {chain.count} entries are intact.
      </Alert>
    );
  }
  return (
    <Alert tone="error">
      <span className="font-medium">Chain broken at #{chain.brokenAtSeq ?? '?'}</span>: the activity
      log was altered at or before this entry.
      {chain.reason ? <span className="block text-xs">{chain.reason}</span> : null}
    </Alert>
  );
}
