/** The four surfaces a policy document has rules for, in the order documents list them. */
export const policySurfaces = ['network', 'filesystem', 'credentials', 'mcp'] as const;
export type PolicySurface = (typeof policySurfaces)[number];

/** A rule field the structured editor edits; nested fields are written with a dot. */
export type RuleField =
  | 'id'
  | 'action'
  | 'mode'
  | 'description'
  | 'hosts'
  | 'cidrs'
  | 'ports'
  | 'except'
  | 'paths'
  | 'access'
  | 'credential'
  | 'destinations'
  | 'ttl'
  | 'server.url'
  | 'server.command'
  | 'tools.allow'
  | 'tools.ask'
  | 'tools.deny';

/** A field's value as the editor shows it: one text, or the texts of a list's chips. */
export type RuleFieldValue = string | readonly string[];

export type RuleFieldKind = 'text' | 'choice' | 'chips';

export interface RuleFieldSpec {
  readonly field: RuleField;
  readonly label: string;
  readonly kind: RuleFieldKind;
  readonly choices?: readonly string[];
  /** Which actions the field belongs to; every action when absent. */
  readonly onlyFor?: 'allow' | 'deny';
  /** A list the engine requires to be present, so an emptied one stays as `[]` to be reported. */
  readonly required?: boolean;
}

const common: readonly RuleFieldSpec[] = [
  { field: 'id', label: 'Rule id', kind: 'text', required: true },
  { field: 'action', label: 'Action', kind: 'choice', choices: ['allow', 'deny'], required: true },
  { field: 'mode', label: 'Mode', kind: 'choice', choices: ['', 'enforce', 'audit'] },
  { field: 'description', label: 'Description', kind: 'text' },
];

export const surfaceFields: Record<PolicySurface, readonly RuleFieldSpec[]> = {
  network: [
    ...common,
    { field: 'hosts', label: 'Hosts', kind: 'chips' },
    { field: 'cidrs', label: 'CIDRs', kind: 'chips' },
    { field: 'ports', label: 'Ports', kind: 'chips' },
    { field: 'except', label: 'Except', kind: 'chips', onlyFor: 'deny' },
  ],
  filesystem: [
    ...common,
    { field: 'paths', label: 'Paths', kind: 'chips', required: true },
    {
      field: 'access',
      label: 'Access',
      kind: 'choice',
      choices: ['read', 'write'],
      required: true,
    },
  ],
  credentials: [
    ...common,
    { field: 'credential', label: 'Credential', kind: 'text', required: true },
    { field: 'destinations', label: 'Destinations', kind: 'chips' },
    { field: 'ttl', label: 'Lease (ttl)', kind: 'text', onlyFor: 'allow' },
  ],
  mcp: [
    ...common,
    { field: 'server.url', label: 'Server URL', kind: 'text' },
    { field: 'server.command', label: 'Server command', kind: 'chips' },
    { field: 'tools.allow', label: 'Tools allowed', kind: 'chips', onlyFor: 'allow' },
    { field: 'tools.ask', label: 'Tools that ask', kind: 'chips', onlyFor: 'allow' },
    { field: 'tools.deny', label: 'Tools denied', kind: 'chips', onlyFor: 'allow' },
  ],
};

export const surfaceLabels: Record<PolicySurface, string> = {
  network: 'Network',
  filesystem: 'Filesystem',
  credentials: 'Credentials',
  mcp: 'MCP servers',
};

/** The button that adds a rule to a surface, as a person would name it. */
export const addRuleLabels: Record<PolicySurface, string> = {
  network: 'Add network rule',
  filesystem: 'Add filesystem rule',
  credentials: 'Add credential rule',
  mcp: 'Add MCP server rule',
};

export function fieldPath(field: RuleField): string[] {
  return field.split('.');
}

/** Ports are written as numbers when they are one, as the examples and the engine's output do. */
export function toDocumentValue(field: RuleField, value: RuleFieldValue): unknown {
  if (field !== 'ports' || typeof value === 'string') return value;
  return value.map((port) => (/^[0-9]{1,5}$/.test(port) ? Number(port) : port));
}

/** The rule a new row starts as: the fields each surface needs, left for the person to fill. */
export function newRule(surface: PolicySurface, id: string): Record<string, unknown> {
  switch (surface) {
    case 'network':
      return { id, action: 'allow', hosts: [] };
    case 'filesystem':
      return { id, action: 'allow', paths: [], access: 'read' };
    case 'credentials':
      return { id, action: 'allow', credential: '', destinations: [] };
    case 'mcp':
      return { id, action: 'allow', server: { url: '' } };
  }
}
