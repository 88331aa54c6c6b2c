import type { PolicyIssue } from '../errors/policy-compile-error';
import type { PolicyMode } from '../evaluate/decision';
import type { IssuePath } from '../parse/format-issue-path';
import { parsePolicyDocument } from '../parse/parse-policy-document';
import type { PolicySource } from '../parse/read-policy-source';
import type { PolicyDocument } from '../schema/policy-document-schema';
import { hasControlCharacter } from '../syntax/find-control-character';

/** One validated layer, in evaluation order: guardrails, baseline, then groups by name. */
export interface PolicyLayer {
  readonly index: number;
  readonly name: string;
  readonly groupName: string | null;
  readonly document: PolicyDocument;
  readonly mode: PolicyMode;
  readonly locateLine: (path: IssuePath) => number | undefined;
}

export interface PolicySources {
  readonly guardrails?: PolicySource | null;
  readonly baseline?: PolicySource | null;
  readonly groups?: Readonly<Record<string, PolicySource>> | null;
}

function checkGroupName(name: string): string | null {
  if (name === '') return 'a group name cannot be empty';
  if (name.length > 256) return 'a group name is at most 256 characters';
  if (hasControlCharacter(name)) return 'a group name cannot contain control characters';
  return null;
}

/**
 * Parses every layer and collects every problem of every layer. Groups are ordered by name with
 * a plain code-unit comparison, so the order never depends on a locale.
 */
export function readPolicyLayers(sources: PolicySources): {
  layers: PolicyLayer[];
  issues: PolicyIssue[];
} {
  const groups = sources.groups ?? {};
  const groupNames = Object.keys(groups).sort((left, right) =>
    left < right ? -1 : left > right ? 1 : 0,
  );
  const wanted: {
    name: string;
    groupName: string | null;
    source: PolicySource | null | undefined;
  }[] = [
    { name: 'guardrails', groupName: null, source: sources.guardrails },
    { name: 'baseline', groupName: null, source: sources.baseline },
    ...groupNames.map((groupName) => ({
      name: `group:${groupName}`,
      groupName,
      source: groups[groupName],
    })),
  ];
  const layers: PolicyLayer[] = [];
  const issues: PolicyIssue[] = [];
  for (const { name, groupName, source } of wanted) {
    const nameProblem = groupName === null ? null : checkGroupName(groupName);
    if (nameProblem !== null) issues.push({ layer: name, path: '', message: nameProblem });
    const parsed = parsePolicyDocument(source, { layer: name });
    if (!parsed.success) {
      issues.push(...parsed.issues);
      continue;
    }
    layers.push({
      index: layers.length,
      name,
      groupName,
      document: parsed.document,
      mode: parsed.document.mode ?? 'enforce',
      locateLine: parsed.locateLine,
    });
  }
  return { layers, issues };
}

/** A policy test naming a group the org does not have would silently test something else. */
export function checkTestGroups(layers: readonly PolicyLayer[]): PolicyIssue[] {
  const known = new Set(
    layers.flatMap((layer) => (layer.groupName === null ? [] : [layer.groupName])),
  );
  const issues: PolicyIssue[] = [];
  for (const layer of layers) {
    (layer.document.tests ?? []).forEach((test, testIndex) => {
      (test.groups ?? []).forEach((group, groupIndex) => {
        if (known.has(group)) return;
        const path = ['tests', testIndex, 'groups', groupIndex];
        const line = layer.locateLine(path);
        const message = `the test names the group ${JSON.stringify(group)}, which the organization does not have`;
        issues.push({
          layer: layer.name,
          path: `tests[${testIndex}].groups[${groupIndex}]`,
          ...(line === undefined ? {} : { line }),
          message,
        });
      });
    });
  }
  return issues;
}
