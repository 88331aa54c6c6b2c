import type { PrismaClient } from '@parapet/db';
import type { CompiledPolicy } from '@parapet/policy';
import { loadPolicySources, type PolicyTarget } from '../policy/load-policy-sources';
import { compilePolicyCached } from './compile-policy-cached';

/** An organization's policy compiled for evaluation: the drafts, or the version read. */
export async function loadCompiledPolicy({
  db,
  orgId,
  against,
}: {
  db: PrismaClient;
  orgId: string;
  against: PolicyTarget;
}): Promise<{ policy: CompiledPolicy; version: number | null }> {
  const { sources, version } = await loadPolicySources({ db, orgId, against });
  const label = version === null ? 'The draft' : `Version ${version}`;
  return { policy: compilePolicyCached({ orgId, sources, label }), version };
}
