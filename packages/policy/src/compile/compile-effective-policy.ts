import { z } from 'zod';
import { PolicyCompileError, type PolicyIssue } from '../errors/policy-compile-error';
import { formatIssuePath, type IssuePath } from '../parse/format-issue-path';
import type { EffectivePolicy } from './build-effective-policy';
import { type CompiledPolicy, compilePolicy } from './compile-policy';
import type { PolicySources } from './read-policy-layers';

// An effective policy arrives inside a signed bundle. A signature proves who sent it, not that
// it is well formed, so the shape is checked strictly here and every value is then checked again
// by the document schema when the rebuilt layers are compiled.

const WHERE = 'effective policy';

const modeSchema = z.enum(['enforce', 'audit']);
const stringList = z.array(z.string());

const provenance = {
  layer: z.string(),
  id: z.string(),
  action: z.enum(['allow', 'deny']),
  mode: modeSchema,
  description: z.string().optional(),
};

const networkEntrySchema = z.strictObject({
  ...provenance,
  hosts: stringList.optional(),
  cidrs: stringList.optional(),
  ports: z.array(z.union([z.number(), z.string()])).optional(),
  except: stringList.optional(),
});

const filesystemEntrySchema = z.strictObject({
  ...provenance,
  access: z.enum(['read', 'write']),
  paths: stringList,
});

const credentialEntrySchema = z.strictObject({
  ...provenance,
  credential: z.string(),
  destinations: stringList.optional(),
  ttlSeconds: z.number().int().min(1).max(86_400).optional(),
});

const mcpEntrySchema = z.strictObject({
  ...provenance,
  server: z.union([z.strictObject({ url: z.string() }), z.strictObject({ command: stringList })]),
  tools: z
    .strictObject({
      allow: stringList.optional(),
      ask: stringList.optional(),
      deny: stringList.optional(),
    })
    .optional(),
});

const effectivePolicySchema = z.strictObject({
  format: z.literal('parapet.effective-policy/v1'),
  defaultMode: modeSchema,
  layers: z.array(z.strictObject({ layer: z.string(), mode: modeSchema })),
  network: z.array(networkEntrySchema),
  filesystem: z.array(filesystemEntrySchema),
  credentials: z.array(credentialEntrySchema),
  mcp: z.array(mcpEntrySchema),
});

type EffectiveInput = z.infer<typeof effectivePolicySchema>;
type Surface = 'network' | 'filesystem' | 'credentials' | 'mcp';
const SURFACES: readonly Surface[] = ['network', 'filesystem', 'credentials', 'mcp'];
const GROUP_PREFIX = 'group:';

function issue(path: IssuePath, message: string): PolicyIssue {
  return { layer: WHERE, path: formatIssuePath(path), message };
}

/** Checks the layer list is what the engine emits: guardrails, baseline, groups by name. */
function checkLayers(layers: EffectiveInput['layers']): PolicyIssue[] {
  const names = layers.map((entry) => entry.layer);
  if (names[0] !== 'guardrails' || names[1] !== 'baseline') {
    return [issue(['layers'], 'the layers must start with guardrails, then baseline')];
  }
  const issues: PolicyIssue[] = [];
  for (let index = 2; index < names.length; index++) {
    const name = names[index] ?? '';
    const previous = names[index - 1] ?? '';
    if (!name.startsWith(GROUP_PREFIX)) {
      issues.push(
        issue(['layers', index, 'layer'], `${JSON.stringify(name)} is not a group layer`),
      );
    } else if (index > 2 && !(previous < name)) {
      issues.push(
        issue(['layers', index, 'layer'], 'group layers must be listed once each, sorted by name'),
      );
    }
  }
  return issues;
}

/** A lease length in the document's spelling (`1h30m`), which parses back to the same seconds. */
function formatTtl(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  return `${hours > 0 ? `${hours}h` : ''}${minutes > 0 ? `${minutes}m` : ''}${rest > 0 ? `${rest}s` : ''}`;
}

/** One effective entry as a document rule: provenance dropped, normalised fields renamed back. */
function documentRule(entry: Record<string, unknown>): Record<string, unknown> {
  const { layer: _layer, ttlSeconds, ...rule } = entry;
  return typeof ttlSeconds === 'number' ? { ...rule, ttl: formatTtl(ttlSeconds) } : rule;
}

/**
 * Groups the rules of every surface by layer. Rules must come in layer order, as the engine
 * emits them: reordering them would change which rule a decision reports.
 */
function rebuildDocuments(effective: EffectiveInput): {
  documents: Map<string, Record<string, unknown>>;
  issues: PolicyIssue[];
} {
  const documents = new Map<string, Record<string, unknown>>();
  const order = new Map<string, number>();
  effective.layers.forEach(({ layer, mode }, index) => {
    documents.set(layer, { mode });
    order.set(layer, index);
  });
  const issues: PolicyIssue[] = [];
  for (const surface of SURFACES) {
    let lastLayer = 0;
    effective[surface].forEach((entry, index) => {
      const position = order.get(entry.layer);
      const document = documents.get(entry.layer);
      if (position === undefined || document === undefined) {
        issues.push(
          issue([surface, index, 'layer'], `unknown layer ${JSON.stringify(entry.layer)}`),
        );
        return;
      }
      if (position < lastLayer) {
        issues.push(issue([surface, index, 'layer'], 'rules must be listed in layer order'));
        return;
      }
      lastLayer = position;
      const section = (document[surface] ?? { rules: [] }) as { rules: unknown[] };
      section.rules.push(documentRule(entry));
      document[surface] = section;
    });
  }
  return { documents, issues };
}

function sameJson(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null)
    return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  if (Array.isArray(left) && Array.isArray(right)) {
    return (
      left.length === right.length && left.every((item, index) => sameJson(item, right[index]))
    );
  }
  const leftRecord = left as Record<string, unknown>;
  const rightRecord = right as Record<string, unknown>;
  const keys = Object.keys(leftRecord);
  return (
    keys.length === Object.keys(rightRecord).length &&
    keys.every(
      (key) => Object.hasOwn(rightRecord, key) && sameJson(leftRecord[key], rightRecord[key]),
    )
  );
}

function zodIssues(error: z.ZodError): PolicyIssue[] {
  return error.issues.map((entry) => issue(entry.path, entry.message));
}

/**
 * Compiles an effective policy (`CompiledPolicy.toJSON()`, possibly narrowed to some groups) back
 * into a policy that decides exactly as the one it came from: the rules are regrouped into one
 * document per layer and compiled by `compilePolicy`. Throws `PolicyCompileError` for anything
 * it cannot rebuild faithfully, including input the engine would not have emitted (a host not in
 * its normal form, a rule out of layer order), since such a policy was not made by this engine.
 */
export function compileEffectivePolicy(effective: unknown): CompiledPolicy {
  const parsed = effectivePolicySchema.safeParse(effective);
  if (!parsed.success) throw new PolicyCompileError(zodIssues(parsed.error));
  const layerIssues = checkLayers(parsed.data.layers);
  if (layerIssues.length > 0) throw new PolicyCompileError(layerIssues);
  const { documents, issues } = rebuildDocuments(parsed.data);
  if (issues.length > 0) throw new PolicyCompileError(issues);

  // fromEntries defines own properties, so a group named __proto__ is a group like any other.
  const groups = Object.fromEntries(
    [...documents]
      .filter(([layer]) => layer.startsWith(GROUP_PREFIX))
      .map(([layer, document]) => [layer.slice(GROUP_PREFIX.length), document]),
  );
  const sources: PolicySources = {
    guardrails: documents.get('guardrails') ?? null,
    baseline: documents.get('baseline') ?? null,
    groups,
  };
  let policy: CompiledPolicy;
  let rebuilt: EffectivePolicy;
  try {
    policy = compilePolicy(sources);
    rebuilt = policy.toJSON();
  } catch (error) {
    if (error instanceof PolicyCompileError) throw error;
    throw new PolicyCompileError([issue([], `cannot compile: ${(error as Error).message}`)]);
  }
  if (!sameJson(rebuilt, parsed.data)) {
    throw new PolicyCompileError([
      issue(
        [],
        'the policy is not in the normal form this engine emits (an entry would change when compiled)',
      ),
    ]);
  }
  return policy;
}
