import { type Algorithm, hash, verify } from '@node-rs/argon2';

// Argon2id with OWASP's recommended baseline (19 MiB, 2 passes, 1 lane): memory-hard enough to
// make offline guessing expensive, cheap enough (~20 ms here) that sign-in stays responsive.
// `Algorithm` is a const enum the native binding does not export at run time, hence the literal.
const argon2id = 2 as Algorithm;
const hashOptions = { algorithm: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export async function hashPassword(password: string): Promise<string> {
  return hash(password, hashOptions);
}

// A real hash of a random value, computed once. Verifying against it when an account does not
// exist costs the same as a real verification, so response time does not reveal accounts.
let dummyHash: Promise<string> | undefined;

function getDummyHash(): Promise<string> {
  dummyHash ??= hash(crypto.randomUUID(), hashOptions);
  return dummyHash;
}

/**
 * Checks a password against a stored PHC string. With no stored hash (unknown account, or an
 * SSO-only account) it still does one full verification and then answers false.
 */
export async function verifyPassword({
  passwordHash,
  password,
}: {
  passwordHash: string | null | undefined;
  password: string;
}): Promise<boolean> {
  if (!passwordHash) {
    await verify(await getDummyHash(), password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
