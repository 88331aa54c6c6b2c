// The hot path's check of one event: a hand-written twin of auditEventSchema (plus "no lone
// UTF-16 surrogate", which has no UTF-8 form for the text columns or the hash). It answers only
// yes or no; the zod schema explains a no. is-storable-event.test.ts holds the two to the same
// answers with fast-check, so this file must change whenever the schema does.

import { eventTimeMs } from '../event/event-time-ms';

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// zod's z.uuid(): any RFC 9562 version, either case, and the nil and max UUIDs.
const anyUuid =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
const sha256Hex = /^[0-9a-f]{64}$/;
const loneSurrogate = /\p{Cs}/u;

const eventKeys = new Set([
  'id',
  'time',
  'device',
  'user',
  'session',
  'surface',
  'action',
  'resource',
  'decision',
  'mode',
  'rule',
  'ver',
  'seq',
  'prev',
]);

const actionsBySurface: Record<string, readonly string[]> = {
  network: ['connect'],
  filesystem: ['read', 'write'],
  credential: ['lease'],
  mcp: ['register', 'invoke'],
};

const has = Object.hasOwn;

/** Whether `value` is an event auditEventSchema accepts and Postgres can store. */
export function isStorableEvent(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  for (const key in value) if (!eventKeys.has(key)) return false;
  const event = value as Record<string, unknown>;
  const { id, time, device, surface, action, resource, decision, mode, seq, prev } = event;
  if (typeof id !== 'string' || !uuidV7.test(id)) return false;
  if (typeof time !== 'string' || !isEventTime(time)) return false;
  if (typeof device !== 'string' || !anyUuid.test(device)) return false;
  if (has(event, 'user') && event.user !== null && !isText(event.user, 200)) return false;
  if (has(event, 'session') && !isSession(event.session)) return false;
  if (typeof surface !== 'string' || !has(actionsBySurface, surface)) return false;
  const actions = actionsBySurface[surface] as readonly string[];
  if (typeof action !== 'string' || !actions.includes(action)) return false;
  if (!isResource(surface, resource)) return false;
  if (decision !== 'allow' && decision !== 'deny' && decision !== 'ask') return false;
  if (mode !== 'enforce' && mode !== 'audit') return false;
  if (has(event, 'rule') && event.rule !== null && !isRule(event.rule)) return false;
  if (has(event, 'ver') && event.ver !== null && !isInteger(event.ver, 0, 2_147_483_647))
    return false;
  if (!isInteger(seq, 1, Number.MAX_SAFE_INTEGER)) return false;
  return typeof prev === 'string' && sha256Hex.test(prev);
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEventTime(value: string): boolean {
  return !Number.isNaN(eventTimeMs(value));
}

function isText(value: unknown, max: number): boolean {
  return (
    typeof value === 'string' &&
    value.length >= 1 &&
    value.length <= max &&
    !value.includes('\u0000') &&
    !loneSurrogate.test(value)
  );
}

function isInteger(value: unknown, min: number, max: number): boolean {
  return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;
}

/** Only these keys, each optional ones absent or valid (`optional` names the optional). */
function onlyKeys(value: object, allowed: readonly string[]): boolean {
  for (const key in value) if (!allowed.includes(key)) return false;
  return true;
}

function isSession(value: unknown): boolean {
  if (!isPlainObject(value) || !onlyKeys(value, ['id', 'agent'])) return false;
  const session = value as Record<string, unknown>;
  return isText(session.id, 128) && (!has(session, 'agent') || isText(session.agent, 64));
}

function isRule(value: unknown): boolean {
  if (!isPlainObject(value) || !onlyKeys(value, ['id', 'layer'])) return false;
  const rule = value as Record<string, unknown>;
  if (!has(rule, 'id') || (rule.id !== null && !isText(rule.id, 200))) return false;
  return isText(rule.layer, 200);
}

function isResource(surface: string, value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const resource = value as Record<string, unknown>;
  switch (surface) {
    case 'network':
      return (
        onlyKeys(resource, ['host', 'port', 'ip']) &&
        isText(resource.host, 253) &&
        (!has(resource, 'port') || isInteger(resource.port, 1, 65_535)) &&
        (!has(resource, 'ip') || isText(resource.ip, 45))
      );
    case 'filesystem':
      return onlyKeys(resource, ['path']) && isText(resource.path, 4096);
    case 'credential':
      return (
        onlyKeys(resource, ['credential', 'destination']) &&
        isText(resource.credential, 200) &&
        (!has(resource, 'destination') || isText(resource.destination, 253))
      );
    default:
      return (
        onlyKeys(resource, ['server', 'tool']) &&
        isText(resource.server, 2048) &&
        (!has(resource, 'tool') || isText(resource.tool, 200))
      );
  }
}
