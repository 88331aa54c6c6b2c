import type { RawIssue } from './describe-zod-issue';
import type { IssuePath } from './format-issue-path';

// These checks span several fields, which zod refinements would skip whenever any other field
// of the document is wrong. They read the raw input defensively instead, so a document with a
// bad port *and* a duplicate id reports both at once.

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function rulesOf(document: Raw, surface: string): unknown[] {
  const section = document[surface];
  return isRecord(section) && Array.isArray(section.rules) ? section.rules : [];
}

function nonEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

const SURFACES = ['network', 'filesystem', 'credentials', 'mcp'] as const;

function checkUniqueIds(document: Raw, issues: RawIssue[]): void {
  const seen = new Map<string, IssuePath>();
  for (const surface of SURFACES) {
    rulesOf(document, surface).forEach((rule, index) => {
      if (!isRecord(rule) || typeof rule.id !== 'string') return;
      const path: IssuePath = [surface, 'rules', index, 'id'];
      const first = seen.get(rule.id);
      if (first === undefined) {
        seen.set(rule.id, path);
        return;
      }
      const where = `${String(first[0])}.rules[${String(first[2])}]`;
      issues.push({
        path,
        message: `duplicate rule id ${JSON.stringify(rule.id)}; it is already used by ${where}`,
      });
    });
  }
}

function checkNetworkTargets(document: Raw, issues: RawIssue[]): void {
  rulesOf(document, 'network').forEach((rule, index) => {
    if (!isRecord(rule) || nonEmptyList(rule.hosts) || nonEmptyList(rule.cidrs)) return;
    issues.push({
      path: ['network', 'rules', index],
      message: 'a network rule needs hosts or cidrs (or both)',
    });
  });
}

function checkMcpServers(document: Raw, issues: RawIssue[]): void {
  rulesOf(document, 'mcp').forEach((rule, index) => {
    if (!isRecord(rule) || !isRecord(rule.server)) return;
    const hasUrl = rule.server.url !== undefined;
    const hasCommand = rule.server.command !== undefined;
    if (hasUrl === hasCommand) {
      issues.push({
        path: ['mcp', 'rules', index, 'server'],
        message: 'a server is identified by exactly one of url and command',
      });
    }
  });
}

function checkUniqueTestNames(document: Raw, issues: RawIssue[]): void {
  if (!Array.isArray(document.tests)) return;
  const seen = new Set<string>();
  document.tests.forEach((test, index) => {
    if (!isRecord(test) || typeof test.name !== 'string') return;
    if (seen.has(test.name)) {
      issues.push({
        path: ['tests', index, 'name'],
        message: `duplicate test name ${JSON.stringify(test.name)}`,
      });
    }
    seen.add(test.name);
  });
}

export function checkDocumentSemantics(document: unknown): RawIssue[] {
  if (!isRecord(document)) return [];
  const issues: RawIssue[] = [];
  checkUniqueIds(document, issues);
  checkNetworkTargets(document, issues);
  checkMcpServers(document, issues);
  checkUniqueTestNames(document, issues);
  return issues;
}
