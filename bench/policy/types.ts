// The generator's own model of the synthetic org policy. It is turned into Parapet policy
// documents (for compilePolicy) and into Cedar policies, and it drives request generation.
import type { Random } from './create-random';
import type { NameSerial } from './generate-network-rules';

export interface RuleOrigin {
  layer: 'guardrails' | 'baseline' | 'group';
  group?: string;
}

export type PortSpec = number | string;

export interface NetworkRuleSpec {
  id: string;
  action: 'allow' | 'deny';
  hosts?: string[];
  cidrs?: string[];
  ports?: PortSpec[];
  except?: string[];
  origin: RuleOrigin;
}

export interface FilesystemRuleSpec {
  id: string;
  action: 'allow' | 'deny';
  paths: string[];
  access: 'read' | 'write';
  origin: RuleOrigin;
}

export interface CredentialRuleSpec {
  id: string;
  action: 'allow' | 'deny';
  credential: string;
  destinations?: string[];
  ttl?: string;
  origin: RuleOrigin;
}

export type McpServerSpec = { url: string } | { command: string[] };

export interface McpToolsSpec {
  allow?: string[];
  ask?: string[];
  deny?: string[];
}

export interface McpRuleSpec {
  id: string;
  action: 'allow' | 'deny';
  server: McpServerSpec;
  tools?: McpToolsSpec;
  origin: RuleOrigin;
}

export interface OrgPolicyModel {
  groups: string[];
  network: NetworkRuleSpec[];
  filesystem: FilesystemRuleSpec[];
  credentials: CredentialRuleSpec[];
  mcp: McpRuleSpec[];
}

export interface NetworkRequest {
  surface: 'network';
  host?: string;
  ip?: string;
  port?: number;
}

export interface FilesystemRequest {
  surface: 'filesystem';
  path: string;
  access: 'read' | 'write';
  home?: string;
  workspace?: string;
}

export interface McpRequest {
  surface: 'mcp';
  server: McpServerSpec;
  tool?: string;
}

// One pre-generated request and the groups of the user making it. `intended` says whether the
// generator built it to match a rule (a hit) or to match nothing (a miss).
export interface BenchRequest<R> {
  request: R;
  groups: string[];
  intended: 'hit' | 'miss';
}

// How many rules each layer gets on each surface; the total is the benchmark's rule count.
export interface SurfaceCounts {
  network: number;
  filesystem: number;
  credentials: number;
  mcp: number;
}

/** What every per-surface rule generator takes: `count` rules of one layer (`origin`). */
export interface RuleGeneratorOptions {
  random: Random;
  serial: NameSerial;
  origin: RuleOrigin;
  count: number;
  id: () => string;
}

/** What every per-surface request generator takes: `count` requests against `model`. */
export interface RequestGeneratorOptions {
  random: Random;
  model: OrgPolicyModel;
  count: number;
}
