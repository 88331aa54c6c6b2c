import {
  type ActivityChainBreak,
  type ActivityCheckpointVerdict,
  checkActivityCheckpoint,
} from '@parapet/db/activity';
import { AppError } from '@parapet/errors';
import type { MemberContext } from '../shared/actor';
import { assertRole } from '../shared/assert-role';
import { parseInput } from '../shared/parse-input';
import {
  type VerifyActivityCheckpointInput,
  verifyActivityCheckpointSchema,
} from './verify-activity-checkpoint.schema';

export type CheckpointVerification = Exclude<ActivityCheckpointVerdict, { status: 'malformed' }> & {
  /** The answer in one or two sentences, as the Activity page shows it. */
  message: string;
};

/**
 * Checks a checkpoint downloaded earlier against the organization's log today: its signature,
 * that it is this organization's, and that the log still holds its entry with its hash and
 * continues intact from it. The whole log is walked (see `checkActivityCheckpoint`). Reads only.
 */
export async function verifyActivityCheckpoint({
  db,
  actor,
  input,
}: Omit<MemberContext, 'ip' | 'now'> & {
  input: VerifyActivityCheckpointInput;
}): Promise<CheckpointVerification> {
  assertRole(actor, 'auditor');
  const { checkpoint } = parseInput(verifyActivityCheckpointSchema, input);
  const verdict = await checkActivityCheckpoint({ db, orgId: actor.orgId, checkpoint });
  if (verdict.status === 'malformed') {
    throw new AppError('INVALID_INPUT', 'This is not a Parapet activity checkpoint.', {
      fieldErrors: {
        checkpoint: ['This is not a Parapet activity checkpoint file (or it was edited).'],
      },
    });
  }
  return { ...verdict, message: describeVerdict(verdict) };
}

const breaks: Record<ActivityChainBreak, string> = {
  content_changed: 'its content was changed',
  hash_changed: 'its hash was changed',
  missing_entry: 'it is missing',
  prev_hash_mismatch: 'it no longer links to the entry before it',
};

function describeVerdict(verdict: Exclude<ActivityCheckpointVerdict, { status: 'malformed' }>) {
  switch (verdict.status) {
    case 'signature_invalid':
      return verdict.reason === 'unknown_key'
        ? 'Signature invalid: this checkpoint was not signed with this installation’s key (it is from another installation, from before the master key changed, or forged).'
        : 'Signature invalid: the checkpoint was altered after this installation signed it.';
    case 'other_organization':
      return 'Not for this organization: this checkpoint was signed for another organization’s log.';
    default:
      break;
  }
  const { seq } = verdict.statement;
  const { chain, headSeq } = verdict;
  const broken = chain.ok ? '' : `entry #${chain.brokenAtSeq} is broken: ${breaks[chain.reason]}`;
  switch (verdict.status) {
    case 'consistent':
      return `Consistent: the log still contains entry #${seq} with this hash and continues from it, intact, to #${headSeq}.`;
    case 'cut':
      return `The log was cut: entry #${seq} is missing, and the log now ends at #${headSeq}. Entries this checkpoint vouched for were deleted.`;
    case 'rewritten':
      return chain.ok || chain.brokenAtSeq > seq
        ? `The log was rewritten: entry #${seq} has a different hash than this checkpoint signed (the entry was changed, or the log was cut and new entries took its place).`
        : `The log was rewritten: ${broken}, at or before entry #${seq} of this checkpoint.`;
    case 'broken_after':
      return `The log still contains entry #${seq} with this hash, but does not continue intact from it: ${broken}.`;
  }
}
