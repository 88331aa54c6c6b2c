/**
 * What the server knows about one request, independent of Next.js, so actions can be run by
 * tests against a real database with a real session token and no web server.
 */
export type RequestContext = {
  /** The raw session cookie value, if any. */
  sessionToken: string | undefined;
  /** The client address (see readClientAddress). */
  ip: string | undefined;
  /** The console's own origin, for links shown to the user (invites). */
  origin: string;
  /** Correlates a generic error shown to the user with the server log. */
  requestId: string;
};
