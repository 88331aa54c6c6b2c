import { isIPv4, isIPv6 } from 'node:net';
import type { AuditEvent } from '../event/audit-event-schema';
import type { AdminRecord, DecisionRecord, ExportRecord } from '../event/export-record';
import { decisionEffect, recordSeverity } from './classify-record';
import { escapeCefHeader, formatCefExtension } from './escape-cef';

// One CEF:0 line per record. Extension keys are from the CEF dictionary where one fits (rt,
// act, outcome, cat, externalId, deviceExternalId, suser, suid, src, dhost, dst, dpt,
// filePath, request, sproc, msg); the rest go in labelled custom fields.

export type CefContext = { productVersion: string };

type Pairs = Array<readonly [string, string]>;

// Syslog severity 6/5/4 (allow, ask or admin, deny) → CEF 3 (Low), 5 (Medium), 7 (High).
const cefSeverities = { 6: 3, 5: 5, 4: 7 } as const;

const outcomes = { allowed: 'success', denied: 'failure', observed: 'success' } as const;

export function encodeCef(record: ExportRecord, context: CefContext): string {
  const { signatureId, name, extension } =
    record.kind === 'admin' ? adminCef(record) : decisionCef(record);
  const header = [
    'Parapet',
    'Parapet',
    context.productVersion,
    signatureId,
    name,
    String(cefSeverities[recordSeverity(record)]),
  ]
    .map(escapeCefHeader)
    .join('|');
  return `CEF:0|${header}|${formatCefExtension(extension)}`;
}

function decisionCef(record: DecisionRecord) {
  const event = record.event;
  const effect = decisionEffect(event);
  const extension: Pairs = [
    ['rt', String(Date.parse(event.time))],
    ['cat', event.surface],
    ['act', event.decision],
  ];
  if (effect !== 'asked') extension.push(['outcome', outcomes[effect]]);
  extension.push(['externalId', event.id], ['deviceExternalId', event.device]);
  if (event.user) extension.push(['suser', event.user]);
  if (record.personId !== null) extension.push(['suid', record.personId]);
  if (event.session?.agent) extension.push(['sproc', event.session.agent]);
  extension.push(...resourcePairs(event));
  if (event.rule) {
    if (event.rule.id !== null) extension.push(['cs1Label', 'Rule'], ['cs1', event.rule.id]);
    extension.push(['cs2Label', 'Rule Layer'], ['cs2', event.rule.layer]);
  }
  extension.push(['cs3Label', 'Mode'], ['cs3', event.mode]);
  extension.push(['cs4Label', 'Chain'], ['cs4', record.chain]);
  if (event.session) extension.push(['cs6Label', 'Session'], ['cs6', event.session.id]);
  if (event.ver != null) extension.push(['cn1Label', 'Bundle Version'], ['cn1', String(event.ver)]);
  extension.push(['cn2Label', 'Sequence'], ['cn2', String(event.seq)]);
  extension.push(['flexString1Label', 'Event Hash'], ['flexString1', record.hash]);
  extension.push(['flexString2Label', 'Org'], ['flexString2', record.orgId]);
  const mode = event.mode === 'audit' ? ' (audit mode)' : '';
  return {
    signatureId: `${event.surface}.${event.action}.${event.decision}`,
    name: `${event.decision} ${event.surface} ${event.action}${mode}`,
    extension,
  };
}

/** The resource as CEF's own destination and file keys, or a labelled custom field. */
function resourcePairs(event: AuditEvent): Pairs {
  const resource = event.resource as Record<string, string | number | undefined>;
  switch (event.surface) {
    case 'network': {
      const pairs: Pairs = [['dhost', String(resource.host)]];
      if (resource.ip !== undefined) pairs.push(...addressPairs('dst', String(resource.ip)));
      if (resource.port !== undefined) pairs.push(['dpt', String(resource.port)]);
      return pairs;
    }
    case 'filesystem':
      return [['filePath', String(resource.path)]];
    case 'credential': {
      const pairs: Pairs = [
        ['cs5Label', 'Credential'],
        ['cs5', String(resource.credential)],
      ];
      if (resource.destination !== undefined) pairs.push(['dhost', String(resource.destination)]);
      return pairs;
    }
    case 'mcp': {
      const pairs: Pairs = [['request', String(resource.server)]];
      if (resource.tool !== undefined)
        pairs.push(['cs5Label', 'MCP Tool'], ['cs5', String(resource.tool)]);
      return pairs;
    }
  }
}

/** CEF's dst/src take an IPv4 address; IPv6 goes in the dictionary's c6a fields. */
function addressPairs(side: 'src' | 'dst', address: string): Pairs {
  if (isIPv4(address)) return [[side, address]];
  // Not an address at all (a device's claim is only checked for length): the JSON formats keep it.
  if (!isIPv6(address)) return [];
  const slot = side === 'src' ? 'c6a2' : 'c6a3';
  const label = side === 'src' ? 'Source IPv6 Address' : 'Destination IPv6 Address';
  return [
    [`${slot}Label`, label],
    [slot, address],
  ];
}

function adminCef(record: AdminRecord) {
  const extension: Pairs = [
    ['rt', String(Date.parse(record.time))],
    ['cat', 'admin'],
    ['act', record.action],
    ['outcome', 'success'],
    ['externalId', record.id],
  ];
  if (record.actorEmail !== null) extension.push(['suser', record.actorEmail]);
  if (record.actorUserId !== null) extension.push(['suid', record.actorUserId]);
  if (record.ip !== null) extension.push(...addressPairs('src', record.ip));
  if (record.target !== null) extension.push(['cs1Label', 'Target'], ['cs1', record.target]);
  extension.push(['cn2Label', 'Sequence'], ['cn2', String(record.seq)]);
  extension.push(['flexString1Label', 'Entry Hash'], ['flexString1', record.hash]);
  extension.push(['flexString2Label', 'Org'], ['flexString2', record.orgId]);
  extension.push(['msg', JSON.stringify(record.details)]);
  return { signatureId: record.action, name: `admin ${record.action}`, extension };
}
