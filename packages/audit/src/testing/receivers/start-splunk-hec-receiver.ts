import { type HttpReceiver, recordIdOf, startHttpReceiver } from './start-http-receiver';

export type SplunkHecReceiver = HttpReceiver & {
  /** Every accepted HEC event object (`{ time, event, sourcetype, … }`). */
  events: Record<string, unknown>[];
};

const hecError = (status: number, code: number, text: string, violation: string) => ({
  violation,
  status,
  body: { text, code },
});

/**
 * Splunk's HTTP Event Collector as its documentation describes it: `POST
 * /services/collector/event` with `Authorization: Splunk <token>`, a body of one or more JSON
 * event objects one after another (not an array), each with a non-empty `event`, an epoch `time`
 * when given; answers `{"text":"Success","code":0}`, or Splunk's error codes.
 */
export async function startSplunkHecReceiver({
  token,
}: {
  token: string;
}): Promise<SplunkHecReceiver> {
  const events: Record<string, unknown>[] = [];
  const receiver = await startHttpReceiver({
    handle: ({ method, path, headers, body }) => {
      if (method !== 'POST' || path.split('?')[0] !== '/services/collector/event') {
        return {
          answer: hecError(
            404,
            404,
            'Not found',
            `expected POST /services/collector/event, got ${method} ${path}`,
          ),
        };
      }
      const authorization = headers.authorization;
      if (!authorization)
        return { answer: hecError(401, 2, 'Token is required', 'no Authorization header') };
      if (authorization !== `Splunk ${token}`) {
        return {
          answer: hecError(403, 4, 'Invalid token', 'Authorization is not "Splunk <token>"'),
        };
      }
      const parsed = splitConcatenatedJson(body.toString('utf8'));
      if (parsed === null)
        return {
          answer: hecError(400, 6, 'Invalid data format', 'body is not concatenated JSON objects'),
        };
      if (parsed.length === 0) return { answer: hecError(400, 5, 'No data', 'empty body') };
      const ids: string[] = [];
      for (const [index, object] of parsed.entries()) {
        if (Array.isArray(object) || typeof object !== 'object' || object === null) {
          return {
            answer: hecError(400, 6, 'Invalid data format', `item ${index} is not a JSON object`),
          };
        }
        const hecEvent = object as Record<string, unknown>;
        if (!('event' in hecEvent)) {
          return {
            answer: hecError(400, 12, 'Event field is required', `item ${index} has no "event"`),
          };
        }
        if (hecEvent.event === '' || hecEvent.event === null) {
          return {
            answer: hecError(
              400,
              13,
              'Event field cannot be blank',
              `item ${index} has a blank "event"`,
            ),
          };
        }
        if ('time' in hecEvent && !/^\d+(\.\d+)?$/.test(String(hecEvent.time))) {
          return {
            answer: hecError(
              400,
              6,
              'Invalid data format',
              `item ${index}: "time" is not epoch seconds`,
            ),
          };
        }
        const id = recordIdOf(hecEvent.event);
        if (id) ids.push(id);
      }
      events.push(...(parsed as Record<string, unknown>[]));
      return { answer: { status: 200, body: { text: 'Success', code: 0 } }, ids };
    },
  });
  return Object.assign(receiver, { events });
}

/** HEC's body: JSON values one after another, separated by nothing or by whitespace. */
export function splitConcatenatedJson(text: string): unknown[] | null {
  const values: unknown[] = [];
  let start = -1;
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{' || char === '[') {
      if (depth === 0) start = index;
      depth++;
    } else if (char === '}' || char === ']') {
      depth--;
      if (depth < 0) return null;
      if (depth === 0) {
        try {
          values.push(JSON.parse(text.slice(start, index + 1)));
        } catch {
          return null;
        }
      }
    } else if (depth === 0 && !/\s/.test(char ?? '')) return null;
  }
  return depth === 0 && !inString ? values : null;
}
