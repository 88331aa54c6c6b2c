/**
 * The people the specs act as. Each spec that needs an account of its own (the lockout spec
 * locks one) invites it through the console, so no spec's failures spill onto another's
 * account. Every run starts on an empty database, so these addresses are always free.
 */
export type TestAccount = { name: string; email: string; password: string };

export const organizationName = 'Acme Security';

export const owner: TestAccount = {
  name: 'Olivia Owner',
  email: 'olivia@acme.example',
  password: 'owner password 1234',
};

export const auditor: TestAccount = {
  name: 'Arthur Auditor',
  email: 'arthur@acme.example',
  password: 'auditor password 1234',
};

/** Invited and accepted only to be locked out by the lockout spec. */
export const lockoutVictim: TestAccount = {
  name: 'Lena Locked',
  email: 'lena@acme.example',
  password: 'lena password 1234',
};
