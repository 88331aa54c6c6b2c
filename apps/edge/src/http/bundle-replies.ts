import type { FastifyReply } from 'fastify';
import type { BundleEntry } from '../cache/bundle-cache';

// The two answers a bundle request gets, written the same way whether the handler answers at
// once or a waiter is answered later. Header values are strings made once per bundle.

/** 200 with the exact stored bytes of `bundle`. */
export function sendBundle(reply: FastifyReply, bundle: BundleEntry, waitSeconds: number): void {
  reply
    .code(200)
    .header('content-type', 'application/json')
    .header('etag', bundle.etag)
    .header('parapet-bundle-ver', bundle.verHeader)
    .header('parapet-key-set-version', bundle.keySetVersionHeader)
    .header('cache-control', 'no-store');
  if (waitSeconds > 0) reply.header('preference-applied', `wait=${waitSeconds}`);
  reply.send(bundle.body);
}

/** 304: the client's bundle is current. */
export function sendNotModified(
  reply: FastifyReply,
  bundle: BundleEntry,
  waitSeconds: number,
): void {
  reply
    .code(304)
    .header('etag', bundle.etag)
    .header('parapet-bundle-ver', bundle.verHeader)
    .header('parapet-key-set-version', bundle.keySetVersionHeader)
    .header('cache-control', 'no-store');
  if (waitSeconds > 0) reply.header('preference-applied', `wait=${waitSeconds}`);
  reply.send();
}
