import { AppError } from '@parapet/errors';
import { type Env, getEnv } from '@/env';

export type OrganizationCreation = Env['PARAPET_ORG_CREATION'];

const holder = globalThis as typeof globalThis & {
  __parapetOrganizationCreation?: OrganizationCreation;
};

/**
 * Who may create organizations on this installation (PARAPET_ORG_CREATION): `operator` (the
 * default, from the command line only) or `self-service`. Tests of both settings install one
 * with installOrganizationCreation instead of reparsing the environment, which is parsed once.
 */
export function organizationCreation(env?: Env): OrganizationCreation {
  return holder.__parapetOrganizationCreation ?? (env ?? getEnv()).PARAPET_ORG_CREATION;
}

/** For tests: use this setting instead of the environment's (undefined: the environment's). */
export function installOrganizationCreation(setting: OrganizationCreation | undefined): void {
  holder.__parapetOrganizationCreation = setting;
}

export const operatorOnlyMessage =
  'On this installation only its operator creates organizations, from the command line (pnpm parapet org create). Ask them for an invite.';

/** Refuses with 403 unless the installation allows self-service organizations. */
export function assertSelfServiceOrganizations(): void {
  if (organizationCreation() !== 'self-service') {
    throw new AppError('FORBIDDEN', operatorOnlyMessage);
  }
}
