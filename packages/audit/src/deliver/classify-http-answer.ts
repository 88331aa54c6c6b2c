import type { DestinationType } from '../destinations/destination-schemas';
import { parseRetryAfter } from './delivery-outcome';
import type { HttpAnswer } from './send-http-request';

export type AnswerVerdict =
  | { outcome: 'delivered' }
  | { outcome: 'retry'; error: string; retryAfterMs?: number }
  | { outcome: 'rejected'; error: string };

const BODY_IN_ERROR = 300;

function shortBody(body: string): string {
  const text = body.trim();
  return text === ''
    ? ''
    : `: ${text.length > BODY_IN_ERROR ? `${text.slice(0, BODY_IN_ERROR)}…` : text}`;
}

/**
 * What a receiver's answer means. 408, 429 and 5xx are worth retrying (Retry-After honoured);
 * a redirect is not followed (it could point anywhere) and, like other 4xx, is a refusal of the
 * configuration. A 2xx is read further where the protocol hides failures in it (Elastic's
 * per-item errors, Splunk's `code`).
 */
export function classifyHttpAnswer(type: DestinationType, answer: HttpAnswer): AnswerVerdict {
  const { status } = answer;
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfter = answer.headers['retry-after'];
    const retryAfterMs = parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
    return {
      outcome: 'retry',
      error: `HTTP ${status}${shortBody(answer.body)}`,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }
  if (status >= 300 && status < 400) {
    return {
      outcome: 'rejected',
      error: `HTTP ${status}: redirects are not followed; use the final URL`,
    };
  }
  if (status < 200 || status >= 300) {
    return { outcome: 'rejected', error: `HTTP ${status}${shortBody(answer.body)}` };
  }
  if (type === 'elastic') return classifyBulkAnswer(answer.body);
  if (type === 'splunk-hec') return classifyHecAnswer(answer.body);
  return { outcome: 'delivered' };
}

type BulkItem = Record<string, { status?: number; error?: { type?: string; reason?: string } }>;

/**
 * `_bulk` answers 200 even when items failed. A 409 on `create` means the `_id` is already
 * stored (a resend), which is what we wanted; a 429 item is back-pressure; anything else is the
 * cluster refusing the document (a mapping conflict, a closed index) and is shown as such.
 */
function classifyBulkAnswer(body: string): AnswerVerdict {
  let parsed: { errors?: boolean; items?: BulkItem[] };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return { outcome: 'retry', error: 'Elastic answered 200 with a body that is not JSON' };
  }
  if (parsed.errors !== true) return { outcome: 'delivered' };
  let refusal: string | undefined;
  for (const item of parsed.items ?? []) {
    const result = Object.values(item)[0];
    const itemStatus = result?.status ?? 0;
    if (itemStatus < 300 || itemStatus === 409) continue;
    if (itemStatus === 429) {
      return { outcome: 'retry', error: 'Elastic refused items with 429 (too many requests)' };
    }
    refusal ??= `Elastic refused an item with ${itemStatus}: ${result?.error?.type ?? 'error'}${
      result?.error?.reason ? ` (${result.error.reason})` : ''
    }`;
  }
  return refusal ? { outcome: 'rejected', error: refusal } : { outcome: 'delivered' };
}

/** HEC answers `{"text":"Success","code":0}`; any other code is a refusal it explains. */
function classifyHecAnswer(body: string): AnswerVerdict {
  try {
    const parsed = JSON.parse(body) as { code?: number; text?: string };
    if (parsed.code === 0) return { outcome: 'delivered' };
    return {
      outcome: 'rejected',
      error: `Splunk HEC answered code ${parsed.code ?? 'none'}: ${parsed.text ?? ''}`,
    };
  } catch {
    return {
      outcome: 'rejected',
      error: 'Splunk HEC answered 2xx with a body that is not its JSON',
    };
  }
}
