import type { FastifyReply } from 'fastify';
import type { BundleEntry } from '../cache/bundle-cache';
import type { Waiter } from '../cache/waiters';
import type { EdgeMetrics } from '../metrics';
import { type EdgeErrorCode, statusForCode } from './errors';

// The answers a bundle request gets. Header values are strings made once per bundle
// (BundleEntry.okHeaders / notModifiedHeaders), the same ones the in-memory fast path writes.

/** 200 with the exact stored bytes of `bundle`, through Fastify. */
export function sendBundle(reply: FastifyReply, bundle: BundleEntry): void {
  reply
    .code(200)
    .header('content-type', 'application/json')
    .header('etag', bundle.etag)
    .header('parapet-bundle-ver', bundle.verHeader)
    .header('parapet-key-set-version', bundle.keySetVersionHeader)
    .header('cache-control', 'no-store')
    .send(bundle.body);
}

/** 304: the client's bundle is current, through Fastify. */
export function sendNotModified(reply: FastifyReply, bundle: BundleEntry): void {
  reply
    .code(304)
    .header('etag', bundle.etag)
    .header('parapet-bundle-ver', bundle.verHeader)
    .header('parapet-key-set-version', bundle.keySetVersionHeader)
    .header('cache-control', 'no-store')
    .send();
}

export type WaiterAnswer =
  | { kind: 'bundle'; bundle: BundleEntry }
  | { kind: 'not-modified'; bundle: BundleEntry | undefined }
  | { kind: 'refused'; code: EdgeErrorCode; message: string; retryAfterSeconds?: number };

/**
 * Answers a held request. Its reply was hijacked when it started waiting, so this writes to
 * Node's response directly: a publish answers thousands of waiters in one loop, and a raw write
 * costs a fraction of a full Fastify reply. It counts what Fastify's hook would have.
 */
export function answerWaiter(metrics: EdgeMetrics, waiter: Waiter, answer: WaiterAnswer): void {
  const response = waiter.reply.raw;
  if (response.writableEnded || response.destroyed) return;
  const applied = ['preference-applied', `wait=${waiter.waitSeconds}`];
  if (answer.kind === 'bundle') {
    response.writeHead(200, [...answer.bundle.okHeaders, ...applied]);
    response.end(answer.bundle.body);
  } else if (answer.kind === 'not-modified') {
    const headers = answer.bundle?.notModifiedHeaders ?? [
      'etag',
      waiter.etag,
      'cache-control',
      'no-store',
    ];
    response.writeHead(304, [...headers, ...applied]);
    response.end();
  } else {
    const status = statusForCode(answer.code);
    if (status < 500) metrics.refusals.add(answer.code);
    const body = JSON.stringify({
      error: { code: answer.code, message: answer.message, requestId: waiter.reply.request.id },
    });
    response.writeHead(status, [
      'content-type',
      'application/json; charset=utf-8',
      'cache-control',
      'no-store',
      'content-length',
      String(Buffer.byteLength(body)),
      ...(answer.retryAfterSeconds === undefined
        ? []
        : ['retry-after', String(answer.retryAfterSeconds)]),
    ]);
    response.end(body);
  }
  metrics.countResponse('/v1/bundle', response.statusCode);
}
