// RFC 8785 canonical JSON of an event that passed isStorableEvent, written field by field. The
// general canonicalizer sorts every object's keys and walks values generically; an event's keys
// are known and ASCII, so their sorted order is fixed here, and every value is a string, an
// integer, null or one of three small objects. ECMAScript's JSON.stringify of a string or a safe
// integer is exactly RFC 8785's form, so it serialises the leaves. canonical-event-json.test.ts
// holds this to canonicalJson with fast-check.
//
// An event whose keys already come in canonical order (parapet-agent writes its events as their
// canonical text) is serialised by JSON.stringify in one native call: for such an object its
// output is the canonical text, at half the cost of the field-by-field writer and with no
// intermediate strings to collect.

const topKeys = [
  'action',
  'decision',
  'device',
  'id',
  'mode',
  'prev',
  'resource',
  'rule',
  'seq',
  'session',
  'surface',
  'time',
  'user',
  'ver',
] as const;
const resourceKeys = ['credential', 'destination', 'host', 'ip', 'path', 'port', 'server', 'tool'];
const ruleKeys = ['id', 'layer'];
const sessionKeys = ['agent', 'id'];

const nestedKeys: Record<string, readonly string[]> = {
  resource: resourceKeys,
  rule: ruleKeys,
  session: sessionKeys,
};

/** The canonical JSON text of a storable event (its hash input). */
export function canonicalEventJson(event: Record<string, unknown>): string {
  return inCanonicalOrder(event) ? JSON.stringify(event) : writeCanonical(event);
}

/**
 * Whether every object of a storable event (itself and its resource, rule and session, which
 * hold only strings, integers and null) lists its keys in ascending order. Keys are ASCII, so
 * `<` on strings is RFC 8785's order (UTF-16 code units).
 */
function inCanonicalOrder(event: Record<string, unknown>): boolean {
  let previous = '';
  for (const key in event) {
    if (key <= previous) return false;
    previous = key;
    const value = event[key];
    if (typeof value === 'object' && value !== null) {
      let inner = '';
      for (const innerKey in value) {
        if (innerKey <= inner) return false;
        inner = innerKey;
      }
    }
  }
  return true;
}

function writeCanonical(event: Record<string, unknown>): string {
  let text = '{';
  for (const key of topKeys) {
    if (!Object.hasOwn(event, key)) continue;
    const value = event[key];
    if (value === undefined) continue;
    if (text.length > 1) text += ',';
    text += `"${key}":`;
    const inner = nestedKeys[key];
    text +=
      inner && value !== null
        ? objectText(value as Record<string, unknown>, inner)
        : JSON.stringify(value);
  }
  return `${text}}`;
}

function objectText(value: Record<string, unknown>, keys: readonly string[]): string {
  let text = '{';
  for (const key of keys) {
    if (!Object.hasOwn(value, key) || value[key] === undefined) continue;
    if (text.length > 1) text += ',';
    text += `"${key}":${JSON.stringify(value[key])}`;
  }
  return `${text}}`;
}
