import type { ServerResponse } from 'node:http';
import type { BundleEntry } from '../cache/bundle-cache';
import type { Waiter } from '../cache/waiters';
import type { EdgeMetrics } from '../metrics';
import { type EdgeErrorCode, statusForCode } from './errors';

const bundlePath = '/v1/bundle';

// The answers a bundle request gets, written straight to Node's response.

/**
 * 200 with the exact stored bytes of `bundle`, or 304, written to Node's response with the
 * header lists made once per bundle: the in-memory fast path, the Fastify route (which hijacks
 * its reply first) and a woken waiter all answer through here, so they cannot differ.
 */
export function writeBundleAnswer(
  response: ServerResponse,
  bundle: BundleEntry,
  status: 200 | 304,
  waitSeconds = 0,
): void {
  if (waitSeconds === 0) {
    if (status === 200) {
      response.writeHead(200, bundle.okHeaders);
      response.end(bundle.body);
    } else {
      response.writeHead(304, bundle.notModifiedHeaders);
      response.end();
    }
    return;
  }
  let waited = bundle.waitedHeaders.get(waitSeconds);
  if (waited === undefined) {
    const applied = ['preference-applied', `wait=${waitSeconds}`];
    waited = {
      ok: [...bundle.okHeaders, ...applied],
      notModified: [...bundle.notModifiedHeaders, ...applied],
    };
    bundle.waitedHeaders.set(waitSeconds, waited);
  }
  if (status === 200) {
    response.writeHead(200, waited.ok);
    response.end(bundle.body);
  } else {
    response.writeHead(304, waited.notModified);
    response.end();
  }
}

export type WaiterAnswer =
  | { kind: 'bundle'; bundle: BundleEntry }
  | { kind: 'not-modified'; bundle: BundleEntry }
  | { kind: 'refused'; code: EdgeErrorCode; message: string; retryAfterSeconds?: number };

/**
 * Answers a held request. Its reply was hijacked when it started waiting, so this writes to
 * Node's response directly: a publish answers thousands of waiters in one loop, and a raw write
 * costs a fraction of a full Fastify reply. Fastify's onResponse hook still counts one it
 * routed (by route and status); one the in-memory path held is counted here, and refusals by
 * code.
 */
export function answerWaiter(metrics: EdgeMetrics, waiter: Waiter, answer: WaiterAnswer): void {
  const response = waiter.response;
  if (response.writableEnded || response.destroyed) return;
  if (answer.kind === 'bundle') {
    writeBundleAnswer(response, answer.bundle, 200, waiter.waitSeconds);
  } else if (answer.kind === 'not-modified') {
    writeBundleAnswer(response, answer.bundle, 304, waiter.waitSeconds);
  } else {
    const status = statusForCode(answer.code);
    if (status < 500) metrics.refusals.add(answer.code);
    const body = JSON.stringify({
      error: { code: answer.code, message: answer.message, requestId: waiter.requestId },
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
  // Fastify never saw a poll the in-memory path held: count it as its onResponse hook would.
  if (!waiter.viaFastify) metrics.countResponse(bundlePath, response.statusCode);
}
