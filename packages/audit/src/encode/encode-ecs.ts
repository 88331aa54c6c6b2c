import { isIP } from 'node:net';
import type { AuditEvent } from '../event/audit-event-schema';
import type { AdminRecord, DecisionRecord, ExportRecord } from '../event/export-record';
import {
  adminChange,
  type DecisionEffect,
  decisionEffect,
  recordSeverity,
} from './classify-record';
import { encodeJsonRecord } from './encode-json-record';

// Elastic Common Schema document for one record: the categorisation fields (event.kind,
// category, type, outcome), who and where (host, user, destination, file, rule, observer),
// and the whole Parapet record under `parapet`, so nothing is lost to the mapping.

export const ECS_VERSION = '8.17.0';

export type EcsContext = { productVersion: string };
export type EcsDocument = Record<string, unknown>;

const outcomes: Record<DecisionEffect, string> = {
  allowed: 'success',
  denied: 'failure',
  asked: 'unknown',
  observed: 'success',
};

export function encodeEcs(record: ExportRecord, context: EcsContext): EcsDocument {
  const observer = { vendor: 'Parapet', product: 'Parapet', version: context.productVersion };
  if (record.kind === 'decision') {
    return { ...decisionEcs(record), observer, parapet: encodeJsonRecord(record) };
  }
  // An admin entry's details differ in shape from one action to the next; as one JSON string
  // they cannot collide in the index's mapping and get a document refused.
  const parapet = { ...encodeJsonRecord(record), details: JSON.stringify(record.details) };
  return { ...adminEcs(record), observer, parapet };
}

/** ECS category and type for a decision (event.type values are those ECS expects for the category). */
function categorise(
  event: AuditEvent,
  effect: DecisionEffect,
): { category: string; type: string[] } {
  const verdict = effect === 'allowed' ? ['allowed'] : effect === 'denied' ? ['denied'] : [];
  switch (event.surface) {
    case 'network':
      return { category: 'network', type: ['connection', ...verdict] };
    case 'filesystem':
      return { category: 'file', type: [event.action === 'write' ? 'change' : 'access'] };
    case 'credential':
    case 'mcp':
      return { category: 'api', type: ['access', ...verdict] };
  }
}

function decisionEcs(record: DecisionRecord): EcsDocument {
  const event = record.event;
  const effect = decisionEffect(event);
  const { category, type } = categorise(event, effect);
  const user: Record<string, unknown> = {};
  if (record.personId !== null) user.id = record.personId;
  if (event.user) user.name = event.user;
  return {
    '@timestamp': event.time,
    ecs: { version: ECS_VERSION },
    message: `${event.decision} ${event.surface} ${event.action}`,
    event: {
      id: event.id,
      kind: 'event',
      category: [category],
      type,
      action: `${event.surface}-${event.action}`,
      outcome: outcomes[effect],
      dataset: 'parapet.decision',
      module: 'parapet',
      provider: 'parapet',
      severity: recordSeverity(record),
      sequence: event.seq,
      created: record.receivedAt,
      reason: event.mode === 'audit' ? `audit mode: would ${event.decision}` : event.decision,
    },
    host: { id: event.device },
    ...(Object.keys(user).length > 0 ? { user } : {}),
    ...(event.session?.agent ? { process: { name: event.session.agent } } : {}),
    ...(event.rule ? { rule: ruleFields(event.rule, event.ver) } : {}),
    ...resourceFields(event),
    labels: { mode: event.mode, decision: event.decision, chain: record.chain },
  };
}

function ruleFields(rule: NonNullable<AuditEvent['rule']>, ver: AuditEvent['ver']) {
  return {
    ...(rule.id !== null ? { id: rule.id, name: rule.id } : { name: 'default deny' }),
    ruleset: rule.layer,
    ...(ver != null ? { version: String(ver) } : {}),
  };
}

function resourceFields(event: AuditEvent): EcsDocument {
  const resource = event.resource as Record<string, string | number | undefined>;
  switch (event.surface) {
    case 'network':
      return {
        destination: {
          domain: resource.host,
          // An `ip` field of the index refuses a document whose value is not an address.
          ...(typeof resource.ip === 'string' && isIP(resource.ip) ? { ip: resource.ip } : {}),
          ...(resource.port !== undefined ? { port: resource.port } : {}),
        },
      };
    case 'filesystem':
      return { file: { path: resource.path } };
    case 'credential':
      return resource.destination !== undefined
        ? { destination: { domain: resource.destination } }
        : {};
    case 'mcp':
      return {};
  }
}

function adminEcs(record: AdminRecord): EcsDocument {
  const user: Record<string, unknown> = {};
  if (record.actorUserId !== null) user.id = record.actorUserId;
  if (record.actorEmail !== null) user.email = record.actorEmail;
  return {
    '@timestamp': record.time,
    ecs: { version: ECS_VERSION },
    message: record.action,
    event: {
      id: record.id,
      kind: 'event',
      category: ['configuration'],
      type: [adminChange(record.action)],
      action: record.action,
      outcome: 'success',
      dataset: 'parapet.admin',
      module: 'parapet',
      provider: 'parapet',
      severity: recordSeverity(record),
      sequence: record.seq,
    },
    ...(Object.keys(user).length > 0 ? { user } : {}),
    ...(record.ip !== null && isIP(record.ip) ? { source: { ip: record.ip } } : {}),
  };
}
