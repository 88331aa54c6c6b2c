import { isUniqueViolation, type OrgTransaction } from '@parapet/accounts';
import { AppError } from '@parapet/errors';

const emailTaken = 'Someone with this email is already in the directory.';
const externalIdTaken = 'Someone with this external id is already in the directory.';

/**
 * Refuses an email or external id that another person of the organization already has
 * (`exceptId`: the person being updated), with the field to correct.
 */
export async function assertPersonUnique({
  tx,
  email,
  externalId,
  exceptId,
}: {
  tx: OrgTransaction;
  email?: string | undefined;
  externalId?: string | null | undefined;
  exceptId?: string;
}): Promise<void> {
  const notSelf = exceptId === undefined ? {} : { id: { not: exceptId } };
  if (email !== undefined && (await tx.person.findFirst({ where: { email, ...notSelf } }))) {
    throw new AppError('CONFLICT', emailTaken, { fieldErrors: { email: [emailTaken] } });
  }
  if (
    typeof externalId === 'string' &&
    (await tx.person.findFirst({ where: { externalId, ...notSelf } }))
  ) {
    throw new AppError('CONFLICT', externalIdTaken, {
      fieldErrors: { externalId: [externalIdTaken] },
    });
  }
}

/**
 * Runs a directory write; a unique violation that slipped past the checks (someone else added
 * the same email or external id meanwhile) is a conflict to retry, not a server error.
 */
export async function mapPersonConflict<Result>(write: () => Promise<Result>): Promise<Result> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError(
      'CONFLICT',
      'Someone with this email or external id was added meanwhile; reload and try again.',
      { cause: error },
    );
  }
}
