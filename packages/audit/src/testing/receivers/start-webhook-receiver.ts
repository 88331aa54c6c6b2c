import { createHmac, timingSafeEqual } from 'node:crypto';
import { type HttpReceiver, recordIdOf, startHttpReceiver } from './start-http-receiver';

export type WebhookReceiver = HttpReceiver & {
  /** Every record of every accepted request, in arrival order. */
  records: Record<string, unknown>[];
};

const refuse = (status: number, violation: string) => ({
  violation,
  status,
  body: { error: violation },
});

/**
 * A customer's webhook endpoint as Parapet's contract states it: `POST <path>`, `Content-Type:
 * application/json`, a JSON array of records, `X-Parapet-Signature: sha256=<hex HMAC-SHA-256 of
 * the raw body>` under the shared secret, checked in constant time before anything is believed.
 */
export async function startWebhookReceiver({
  secret,
  path = '/parapet/events',
}: {
  secret: string;
  path?: string;
}): Promise<WebhookReceiver & { endpoint: string }> {
  const records: Record<string, unknown>[] = [];
  const receiver = await startHttpReceiver({
    handle: ({ method, path: requestPath, headers, body }) => {
      if (method !== 'POST' || requestPath !== path) {
        return { answer: refuse(404, `expected POST ${path}, got ${method} ${requestPath}`) };
      }
      const signature = String(headers['x-parapet-signature'] ?? '');
      const expected = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
      if (
        signature.length !== expected.length ||
        !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
      ) {
        return { answer: refuse(401, 'X-Parapet-Signature is missing or does not match the body') };
      }
      if (
        String(headers['content-type'] ?? '')
          .split(';')[0]
          ?.trim() !== 'application/json'
      ) {
        return { answer: refuse(415, 'Content-Type is not application/json') };
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        return { answer: refuse(400, 'body is not JSON') };
      }
      if (
        !Array.isArray(parsed) ||
        parsed.some((entry) => typeof entry !== 'object' || entry === null)
      ) {
        return { answer: refuse(400, 'body is not a JSON array of objects') };
      }
      records.push(...(parsed as Record<string, unknown>[]));
      const ids = parsed
        .map((entry) => recordIdOf(entry))
        .filter((id): id is string => id !== undefined);
      return { answer: { status: 200, body: { received: parsed.length } }, ids };
    },
  });
  return Object.assign(receiver, { records, endpoint: `${receiver.url}${path}` });
}
