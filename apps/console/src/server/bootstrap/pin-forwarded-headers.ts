import type { IncomingMessage } from 'node:http';
import { isTrustedProxy, resolveClientAddress } from '../http/resolve-client-address';

/**
 * Rewrites the X-Forwarded-* headers of a request before Next.js sees it, so everything
 * downstream (the sign-in lockout's address, Auth.js's idea of the host) reads values a client
 * cannot forge. X-Forwarded-For becomes the one client address resolveClientAddress settles on.
 * X-Forwarded-Host/-Proto/-Port are kept only from a trusted proxy (which set them), and dropped
 * when the peer is anyone else.
 */
export function pinForwardedHeaders({
  request,
  trustedProxies,
}: {
  request: IncomingMessage;
  trustedProxies: string[];
}): void {
  const peer = request.socket.remoteAddress;
  const forwarded = request.headers['x-forwarded-for'];
  const client = resolveClientAddress({
    peer,
    forwardedFor: Array.isArray(forwarded) ? forwarded.join(',') : forwarded,
    trustedProxies,
  });
  if (peer === undefined || !isTrustedProxy({ address: peer, trustedProxies })) {
    delete request.headers['x-forwarded-host'];
    delete request.headers['x-forwarded-proto'];
    delete request.headers['x-forwarded-port'];
  }
  if (client) request.headers['x-forwarded-for'] = client;
  else delete request.headers['x-forwarded-for'];
}
