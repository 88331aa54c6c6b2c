/**
 * How long a console session lasts. A session slides forward while it is used (idle timeout)
 * but never outlives its absolute limit, so a stolen cookie stops working by the end of the
 * working day at the latest.
 */
export const sessionPolicy = {
  /** Signed out after this long without a request. */
  idleSeconds: 2 * 60 * 60,
  /** Signed out this long after signing in, however active the session. */
  absoluteSeconds: 12 * 60 * 60,
  /** Extend the idle deadline at most this often, to keep writes rare. */
  updateAgeSeconds: 5 * 60,
} as const;

/** The latest moment a session created at `createdAt` may still be valid. */
export function absoluteSessionEnd(createdAt: Date): Date {
  return new Date(createdAt.getTime() + sessionPolicy.absoluteSeconds * 1000);
}

/** A requested expiry, capped by the session's absolute end. */
export function capSessionExpiry({ expires, createdAt }: { expires: Date; createdAt: Date }): Date {
  const end = absoluteSessionEnd(createdAt);
  return expires.getTime() < end.getTime() ? expires : end;
}
