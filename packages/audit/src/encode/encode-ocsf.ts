import { isIP } from 'node:net';
import type { AuditEvent } from '../event/audit-event-schema';
import type { AdminRecord, DecisionRecord, ExportRecord } from '../event/export-record';
import {
  type AdminChange,
  adminChange,
  type DecisionEffect,
  decisionEffect,
  recordSeverity,
} from './classify-record';

// OCSF API Activity (class 6003, category 6 Application Activity), checked against
// github.com/ocsf/ocsf-schema tag 1.8.0: events/application/api_activity.json, base_event.json,
// profiles/security_control.json and profiles/host.json (fixtures/ocsf-1.8.0-api-activity.json
// holds what the tests check against). Enum ids are the schema's; captions beside them are the
// schema's captions, so a consumer may read either.

export const OCSF_VERSION = '1.8.0';
const CLASS_UID = 6003;
const CATEGORY_UID = 6;

export type OcsfContext = { productVersion: string };
export type OcsfEvent = Record<string, unknown>;

const activities: Record<number, string> = { 1: 'Create', 2: 'Read', 3: 'Update', 4: 'Delete' };

/** An enforcement point's action as an API activity: reads and writes map; the rest are Other. */
function decisionActivity(action: AuditEvent['action']): { id: number; name: string } {
  if (action === 'read') return { id: 2, name: 'Read' };
  if (action === 'write') return { id: 3, name: 'Update' };
  return { id: 99, name: action.charAt(0).toUpperCase() + action.slice(1) };
}

const adminActivityIds: Record<AdminChange, number> = { creation: 1, change: 3, deletion: 4 };

// Syslog severity 6/5/4 (allow, ask or admin, deny) → OCSF Informational/Low/Medium.
const severities = { 6: [1, 'Informational'], 5: [2, 'Low'], 4: [3, 'Medium'] } as const;

/** security_control profile: action_id (Allowed 1, Denied 2, Observed 3, Other 99) and disposition_id. */
const controls: Record<
  DecisionEffect,
  { action_id: number; action: string; disposition_id: number; disposition: string }
> = {
  allowed: { action_id: 1, action: 'Allowed', disposition_id: 1, disposition: 'Allowed' },
  denied: { action_id: 2, action: 'Denied', disposition_id: 2, disposition: 'Blocked' },
  asked: { action_id: 99, action: 'Ask', disposition_id: 99, disposition: 'Ask' },
  observed: { action_id: 3, action: 'Observed', disposition_id: 15, disposition: 'Detected' },
};

const statuses: Record<DecisionEffect, [number, string]> = {
  allowed: [1, 'Success'],
  denied: [2, 'Failure'],
  asked: [0, 'Unknown'],
  observed: [1, 'Success'],
};

function classification(activity: { id: number; name: string }, record: ExportRecord): OcsfEvent {
  const [severityId, severity] = severities[recordSeverity(record)];
  return {
    activity_id: activity.id,
    activity_name: activity.name,
    category_uid: CATEGORY_UID,
    category_name: 'Application Activity',
    class_uid: CLASS_UID,
    class_name: 'API Activity',
    type_uid: CLASS_UID * 100 + activity.id,
    type_name: `API Activity: ${activity.name}`,
    severity_id: severityId,
    severity,
  };
}

function metadata(
  context: OcsfContext,
  fields: { uid: string; tenant: string; logName: string; sequence: number },
): Record<string, unknown> {
  return {
    version: OCSF_VERSION,
    product: { name: 'Parapet', vendor_name: 'Parapet', version: context.productVersion },
    uid: fields.uid,
    tenant_uid: fields.tenant,
    log_name: fields.logName,
    sequence: fields.sequence,
  };
}

/** OCSF API Activity for one record (a JSON object; the caller serialises it). */
export function encodeOcsf(record: ExportRecord, context: OcsfContext): OcsfEvent {
  return record.kind === 'admin'
    ? encodeAdminOcsf(record, context)
    : encodeDecisionOcsf(record, context);
}

function encodeDecisionOcsf(record: DecisionRecord, context: OcsfContext): OcsfEvent {
  const event = record.event;
  const effect = decisionEffect(event);
  const [statusId, status] = statuses[effect];
  // Built by assignment rather than one literal of conditional spreads: this runs for every
  // exported event, and the spreads cost several times the time and garbage.
  const ocsf = classification(decisionActivity(event.action), record);
  ocsf.time = Date.parse(event.time);
  ocsf.status_id = statusId;
  ocsf.status = status;
  if (effect === 'observed') ocsf.status_detail = `audit mode: would ${event.decision}`;
  ocsf.message = `${event.decision} ${event.surface} ${event.action}`;
  const meta = metadata(context, {
    uid: event.id,
    tenant: record.orgId,
    logName: 'decision',
    sequence: event.seq,
  });
  meta.logged_time = Date.parse(record.receivedAt);
  meta.profiles = ['host', 'security_control'];
  ocsf.metadata = meta;
  ocsf.actor = decisionActor(record);
  ocsf.device = { uid: event.device, type_id: 0, type: 'Unknown' };
  ocsf.src_endpoint = { uid: event.device };
  ocsf.api = { operation: `${event.surface}.${event.action}`, service: { name: event.surface } };
  addDecisionTarget(ocsf, event);
  const control = controls[effect];
  ocsf.action_id = control.action_id;
  ocsf.action = control.action;
  ocsf.disposition_id = control.disposition_id;
  ocsf.disposition = control.disposition;
  ocsf.is_alert = effect === 'denied' || effect === 'observed';
  if (event.rule) ocsf.policy = decisionPolicy(event.rule, event);
  ocsf.unmapped = {
    parapet: {
      mode: event.mode,
      decision: event.decision,
      chain: record.chain,
      hash: record.hash,
      prev: event.prev,
      seq: event.seq,
      ver: event.ver ?? null,
    },
  };
  return ocsf;
}

function decisionActor(record: DecisionRecord): Record<string, unknown> {
  const event = record.event;
  const user: Record<string, unknown> = {};
  if (record.personId !== null) user.uid = record.personId;
  if (event.user) user.name = event.user;
  if (record.groups.length > 0) user.groups = record.groups.map((name) => ({ name }));
  return {
    ...(Object.keys(user).length > 0 ? { user } : {}),
    ...(event.session ? { session: { uid: event.session.id } } : {}),
    ...(event.session?.agent ? { app_name: event.session.agent } : {}),
  };
}

function decisionPolicy(
  rule: NonNullable<AuditEvent['rule']>,
  event: AuditEvent,
): Record<string, unknown> {
  return {
    name: rule.id ?? 'default deny',
    ...(rule.id !== null ? { uid: rule.id } : {}),
    group: { name: rule.layer },
    is_applied: event.mode === 'enforce',
    ...(event.ver != null ? { version: String(event.ver) } : {}),
  };
}

/** Where the activity was aimed: a network endpoint, or the resource it touched. */
function addDecisionTarget(ocsf: OcsfEvent, event: AuditEvent): void {
  const resource = event.resource as Record<string, string | number | undefined>;
  switch (event.surface) {
    case 'network': {
      const endpoint: Record<string, unknown> = { hostname: resource.host };
      if (resource.port !== undefined) endpoint.port = resource.port;
      if (typeof resource.ip === 'string' && isIP(resource.ip)) endpoint.ip = resource.ip;
      ocsf.dst_endpoint = endpoint;
      return;
    }
    case 'filesystem':
      ocsf.resources = [{ type: 'file', name: resource.path }];
      return;
    case 'credential':
      ocsf.resources = [{ type: 'credential', name: resource.credential }];
      if (resource.destination !== undefined) {
        ocsf.dst_endpoint = { hostname: resource.destination };
      }
      return;
    case 'mcp': {
      const resources: Array<Record<string, unknown>> = [
        { type: 'mcp_server', name: resource.server },
      ];
      if (resource.tool !== undefined) resources.push({ type: 'mcp_tool', name: resource.tool });
      ocsf.resources = resources;
      return;
    }
  }
}

function encodeAdminOcsf(record: AdminRecord, context: OcsfContext): OcsfEvent {
  const activityId = adminActivityIds[adminChange(record.action)];
  const user: Record<string, unknown> = {};
  if (record.actorUserId !== null) user.uid = record.actorUserId;
  if (record.actorEmail !== null) user.email_addr = record.actorEmail;
  return {
    ...classification({ id: activityId, name: activities[activityId] as string }, record),
    time: Date.parse(record.time),
    status_id: 1,
    status: 'Success',
    message: record.action,
    metadata: metadata(context, {
      uid: record.id,
      tenant: record.orgId,
      logName: 'admin',
      sequence: record.seq,
    }),
    actor: Object.keys(user).length > 0 ? { user } : {},
    src_endpoint: record.ip !== null && isIP(record.ip) ? { ip: record.ip } : {},
    api: { operation: record.action, service: { name: 'Parapet console' } },
    ...(record.target !== null
      ? { resources: [{ uid: record.target, type: record.action.split('.')[0] }] }
      : {}),
    unmapped: {
      parapet: {
        details: record.details,
        hash: record.hash,
        prevHash: record.prevHash,
        seq: record.seq,
      },
    },
  };
}
