import { AppError } from '@parapet/errors';
import { readTrustedOrigin } from './read-origin';

const crossSite = 'Requests from other sites are refused.';

/**
 * The guard every route that changes something (any method but GET and HEAD) runs, for a call
 * that may ride on the user's session cookie, before it reads the body. A browser tells where a
 * request comes from: it sends Origin on every such request and Sec-Fetch-Site where it can, so
 * a page of another site can be told apart. A request must come from the console's own origin
 * (no Origin at all is refused too: scripts can send one) and must not be marked cross-site.
 * The body must then be JSON (or, for a document route, YAML), content types no HTML form can
 * send without a CORS preflight the console never grants (see readRouteCall).
 */
export function assertSameOriginWrite(headers: Headers): void {
  if (headers.get('sec-fetch-site') === 'cross-site') throw new AppError('FORBIDDEN', crossSite);
  const expected = readTrustedOrigin(headers);
  const origin = headers.get('origin');
  if (!expected || !origin || origin !== expected) throw new AppError('FORBIDDEN', crossSite);
}
