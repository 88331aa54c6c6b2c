import { parseArgs } from 'node:util';
import { createOrganizationWithInvite, listOrganizations } from '@parapet/accounts';
import type { PrismaClient } from '@parapet/db';
import { ensureOrgSigningKeys } from '@parapet/distribution';
import { isAppError } from '@parapet/errors';
import { OperatorError } from './operator-error';

export const usage = `Usage:
  pnpm parapet org create --name "<organization name>" --owner <email>
      Creates an organization and prints its owner's one-time invite link.
  pnpm parapet org list
      Lists the installation's organizations.`;

export type Output = { out: (line: string) => void; err: (line: string) => void };

/** What a command needs from the installation: its database and the console's public URL. */
export type Installation = { db: PrismaClient; consoleUrl: string };

/** The command the arguments name, checked before anything connects to the database. */
export type OperatorCommand =
  | { kind: 'org create'; name: string; owner: string }
  | { kind: 'org list' }
  | { kind: 'help' };

export function parseOperatorCommand(argv: string[]): OperatorCommand {
  const { values, positionals } = parseArgsOrExplain(argv);
  if (values.help) return { kind: 'help' };
  const [group, verb, ...extra] = positionals;
  if (extra.length > 0)
    throw new OperatorError(`Unexpected argument: ${extra.join(' ')}\n${usage}`);
  if (group === 'org' && verb === 'create') {
    if (!values.name || !values.owner) {
      throw new OperatorError(`org create needs --name and --owner.\n${usage}`);
    }
    return { kind: 'org create', name: values.name, owner: values.owner };
  }
  if (group === 'org' && verb === 'list') return { kind: 'org list' };
  throw new OperatorError(`Unknown command: ${positionals.join(' ') || '(none)'}\n${usage}`);
}

function parseArgsOrExplain(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        owner: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new OperatorError(`${(error as Error).message}\n${usage}`);
  }
}

/** Runs one parsed command against the installation; a refusal is an OperatorError. */
export async function runOperatorCommand(
  command: Exclude<OperatorCommand, { kind: 'help' }>,
  { db, consoleUrl }: Installation,
  output: Output,
): Promise<void> {
  if (command.kind === 'org list') {
    for (const organization of await listOrganizations({ db })) {
      const owners = organization.owners.join(', ') || 'no owner yet';
      output.out(
        `${organization.orgId}  ${organization.name}  (${organization.members} member${organization.members === 1 ? '' : 's'}; owners: ${owners})`,
      );
    }
    return;
  }
  try {
    const created = await createOrganizationWithInvite({
      db,
      input: { name: command.name, ownerEmail: command.owner },
      provisionOrganization: ensureOrgSigningKeys,
    });
    const { invite } = created;
    output.out(`Created organization "${created.name}" (${created.orgId}).`);
    output.out(
      `Send ${invite.email} this one-time invite link to become its owner (valid until ${invite.expiresAt.toISOString()}; it is not shown again):`,
    );
    output.out(`${consoleUrl}/invite/${invite.token}`);
  } catch (error) {
    if (!isAppError(error)) throw error;
    const fields = Object.entries(error.fieldErrors ?? {}).map(
      ([field, messages]) =>
        `  ${field === 'ownerEmail' ? '--owner' : `--${field}`}: ${messages.join(' ')}`,
    );
    throw new OperatorError([error.message, ...fields].join('\n'));
  }
}
