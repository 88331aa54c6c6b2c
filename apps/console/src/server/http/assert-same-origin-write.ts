import { AppError } from '@parapet/errors';
import { readTrustedOrigin } from './read-origin';

const crossSite = 'Requests from other sites are refused.';

/**
 * The guard every route that changes something (any method but GET and HEAD) runs before it
 * reads the body. A browser tells where a request comes from: it sends Origin on every such
 * request and Sec-Fetch-Site where it can, so a page of another site can be told apart even
 * when it rides on the user's cookie. A request must come from the console's own origin (no
 * Origin at all is refused too: scripts can send one), must not be marked cross-site, and must
 * be JSON, a content type no HTML form can send without a CORS preflight the console never
 * grants.
 */
export function assertSameOriginWrite(headers: Headers): void {
  if (headers.get('sec-fetch-site') === 'cross-site') throw new AppError('FORBIDDEN', crossSite);
  const expected = readTrustedOrigin(headers);
  const origin = headers.get('origin');
  if (!expected || !origin || origin !== expected) throw new AppError('FORBIDDEN', crossSite);
  const mediaType = headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send a JSON body (Content-Type: application/json).',
    );
  }
}
