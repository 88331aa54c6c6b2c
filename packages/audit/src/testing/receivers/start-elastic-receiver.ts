import { type HttpReceiver, startHttpReceiver } from './start-http-receiver';

export type ElasticReceiver = HttpReceiver & {
  /** Stored documents by index, then `_id`: what the cluster would hold. */
  indices: Map<string, Map<string, unknown>>;
  /** How many `create` actions were refused with 409 because the `_id` existed (resends). */
  conflicts: () => number;
  /** Makes the next `count` items fail with this status (429 back-pressure, 400 mapping errors). */
  failNextItems: (count: number, status: 429 | 400) => void;
};

const bulkError = (status: number, type: string, reason: string) => ({
  violation: reason,
  status,
  body: { error: { type, reason }, status },
});

/**
 * Elasticsearch's `_bulk` as documented: `POST /_bulk` with `Content-Type:
 * application/x-ndjson` (or application/json), `Authorization: ApiKey …` or Basic, an NDJSON body
 * ending in a newline, action lines followed by their document. `create` with an existing `_id`
 * is a 409 item and leaves the document as it was; the answer is 200 with `errors` and `items`.
 */
export async function startElasticReceiver({
  authorization,
}: {
  /** The exact Authorization header expected (`ApiKey <key>` or `Basic <base64>`). */
  authorization: string;
}): Promise<ElasticReceiver> {
  const indices = new Map<string, Map<string, unknown>>();
  let conflicts = 0;
  let failing: { count: number; status: 429 | 400 } = { count: 0, status: 429 };
  const receiver = await startHttpReceiver({
    handle: ({ method, path, headers, body }) => {
      if (method !== 'POST' || path.split('?')[0] !== '/_bulk') {
        return {
          answer: bulkError(404, 'not_found', `expected POST /_bulk, got ${method} ${path}`),
        };
      }
      if (headers.authorization !== authorization) {
        return { answer: bulkError(401, 'security_exception', 'missing or wrong Authorization') };
      }
      const contentType = String(headers['content-type'] ?? '')
        .split(';')[0]
        ?.trim();
      if (contentType !== 'application/x-ndjson' && contentType !== 'application/json') {
        return {
          answer: bulkError(
            406,
            'media_type_header_exception',
            `Content-Type ${contentType} is not supported`,
          ),
        };
      }
      const text = body.toString('utf8');
      if (!text.endsWith('\n')) {
        return {
          answer: bulkError(
            400,
            'illegal_argument_exception',
            'The bulk request must be terminated by a newline [\\n]',
          ),
        };
      }
      const lines = text.slice(0, -1).split('\n');
      if (lines.length % 2 !== 0) {
        return {
          answer: bulkError(
            400,
            'illegal_argument_exception',
            'an action line without its document',
          ),
        };
      }
      const items: unknown[] = [];
      const ids: string[] = [];
      for (let index = 0; index < lines.length; index += 2) {
        let action: { create?: { _index?: string; _id?: string } };
        let document: unknown;
        try {
          action = JSON.parse(lines[index] ?? '') as typeof action;
          document = JSON.parse(lines[index + 1] ?? '');
        } catch {
          return {
            answer: bulkError(400, 'x_content_parse_exception', `line ${index + 1} is not JSON`),
          };
        }
        const create = action.create;
        if (!create || Object.keys(action).length !== 1 || !create._index || !create._id) {
          return {
            answer: bulkError(
              400,
              'illegal_argument_exception',
              `line ${index + 1}: expected {"create":{"_index","_id"}}`,
            ),
          };
        }
        const item = { _index: create._index, _id: create._id };
        if (failing.count > 0) {
          failing.count--;
          const type =
            failing.status === 429
              ? 'es_rejected_execution_exception'
              : 'document_parsing_exception';
          items.push({
            create: {
              ...item,
              status: failing.status,
              error: { type, reason: `refused by the test (${type})` },
            },
          });
          continue;
        }
        const index_ = indices.get(create._index) ?? new Map<string, unknown>();
        indices.set(create._index, index_);
        if (index_.has(create._id)) {
          conflicts++;
          items.push({
            create: {
              ...item,
              status: 409,
              error: {
                type: 'version_conflict_engine_exception',
                reason: `[${create._id}]: version conflict, document already exists (current version [1])`,
              },
            },
          });
          continue;
        }
        index_.set(create._id, document);
        ids.push(create._id);
        items.push({ create: { ...item, _version: 1, result: 'created', status: 201 } });
      }
      const errors = items.some(
        (item) => (item as { create: { status: number } }).create.status >= 300,
      );
      return { answer: { status: 200, body: { took: 1, errors, items } }, ids };
    },
  });
  return Object.assign(receiver, {
    indices,
    conflicts: () => conflicts,
    failNextItems: (count: number, status: 429 | 400) => {
      failing = { count, status };
    },
  });
}
