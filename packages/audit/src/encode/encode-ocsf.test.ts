import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeOcsf, OCSF_VERSION } from './encode-ocsf';
import {
  credentialAsk,
  filesystemAllowAudit,
  mcpDenyAudit,
  memberRemoved,
  networkDeny,
  policyPublished,
  sampleContext,
  sampleRecords,
} from './fixtures/sample-records';

// Checked against the schema itself: fixtures/ocsf-1.8.0-api-activity.json lists, from
// github.com/ocsf/ocsf-schema at tag 1.8.0, the attributes API Activity has (with base_event
// and its profiles), which are required, the enums we use, and the attributes of each object.

type SchemaExtract = {
  class: { uid: number; category_uid: number; caption: string };
  attributes: string[];
  required: string[];
  enums: Record<string, Record<string, string>>;
  objects: Record<string, string[]>;
};

const schema = JSON.parse(
  readFileSync(new URL('./fixtures/ocsf-1.8.0-api-activity.json', import.meta.url), 'utf8'),
) as SchemaExtract;

// Which object type each attribute we nest holds (the schema's dictionary types).
const objectTypes: Record<string, string> = {
  actor: 'actor',
  'actor.user': 'user',
  'actor.session': 'session',
  'actor.user.groups': 'group',
  device: 'device',
  api: 'api',
  'api.service': 'service',
  src_endpoint: 'network_endpoint',
  dst_endpoint: 'network_endpoint',
  resources: 'resource_details',
  policy: 'policy',
  'policy.group': 'group',
  metadata: 'metadata',
  'metadata.product': 'product',
};

function checkObject(path: string, value: unknown): void {
  const type = objectTypes[path];
  if (type === undefined) return;
  const allowed = schema.objects[type] as string[];
  const items = Array.isArray(value) ? value : [value];
  for (const item of items) {
    for (const [key, nested] of Object.entries(item as Record<string, unknown>)) {
      expect(allowed, `${path}.${key} is not an attribute of ${type}`).toContain(key);
      checkObject(`${path}.${key}`, nested);
    }
  }
}

describe('encodeOcsf against OCSF 1.8.0 API Activity', () => {
  it.each(
    sampleRecords.map(
      (record) => [record.kind === 'admin' ? record.action : record.event.id, record] as const,
    ),
  )(
    '%s uses only schema attributes, has the required ones, and valid enum ids',
    (_name, record) => {
      const event = encodeOcsf(record, sampleContext);
      for (const key of Object.keys(event)) {
        expect(schema.attributes, `${key} is not an API Activity attribute`).toContain(key);
        if (key !== 'unmapped') checkObject(key, event[key]);
      }
      for (const key of schema.required) expect(event).toHaveProperty(key);
      expect(event.class_uid).toBe(schema.class.uid);
      expect(event.category_uid).toBe(schema.class.category_uid);
      expect(event.type_uid).toBe(6003 * 100 + (event.activity_id as number));
      for (const [idKey, captionKey] of [
        ['activity_id', 'activity_name'],
        ['severity_id', 'severity'],
        ['status_id', 'status'],
        ['action_id', 'action'],
        ['disposition_id', 'disposition'],
      ] as const) {
        if (!(idKey in event)) continue;
        const captions = schema.enums[idKey] as Record<string, string>;
        const id = String(event[idKey]);
        expect(Object.keys(captions), `${idKey} ${id}`).toContain(id);
        // With 99 (Other) the caption attribute carries Parapet's own word, as the schema says.
        if (id !== '99') expect(event[captionKey]).toBe(captions[id]);
      }
      const metadata = event.metadata as Record<string, unknown>;
      expect(metadata.version).toBe(OCSF_VERSION);
      expect(metadata.product).toEqual({
        name: 'Parapet',
        vendor_name: 'Parapet',
        version: '1.4.0',
      });
      expect(metadata.uid).toBe(record.kind === 'admin' ? record.id : record.event.id);
      expect(typeof event.time).toBe('number');
    },
  );

  it.each([
    ['an enforced deny is Denied and Blocked', networkDeny, 2, 2, 2],
    ['an audit-mode allow is Allowed', filesystemAllowAudit, 1, 1, 1],
    ["an ask is Other, in the source's own word", credentialAsk, 99, 99, 0],
    ['an audit-mode deny is Observed and Detected, and succeeded', mcpDenyAudit, 3, 15, 1],
  ] as const)('%s', (_name, record, actionId, dispositionId, statusId) => {
    const event = encodeOcsf(record, sampleContext);
    expect([event.action_id, event.disposition_id, event.status_id]).toEqual([
      actionId,
      dispositionId,
      statusId,
    ]);
    expect((event.metadata as { profiles: string[] }).profiles).toContain('security_control');
  });

  it.each([
    ['policy.published', policyPublished, 3],
    ['member.remove', memberRemoved, 4],
  ] as const)('maps the admin action %s to its CRUD activity', (_name, record, activityId) => {
    const event = encodeOcsf(record, sampleContext);
    expect(event.activity_id).toBe(activityId);
    expect((event.api as { operation: string }).operation).toBe(record.action);
  });

  it('names the admin actor by email', () => {
    const event = encodeOcsf(policyPublished, sampleContext);
    expect(event.actor).toEqual({
      user: { uid: policyPublished.actorUserId, email_addr: 'renée@example.com' },
    });
  });
});
