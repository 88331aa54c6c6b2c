import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PolicySources } from '../compile/read-policy-layers';
import type { PolicyIssue } from '../errors/policy-compile-error';

export type LoadedPolicyDirectory =
  | { readonly ok: true; readonly sources: PolicySources; readonly issues: readonly PolicyIssue[] }
  | { readonly ok: false; readonly usage: string };

// Files that look like policy but would not be read: refusing them beats silently ignoring a
// group's rules because its file was called `engineering.yml`.
const LOOKALIKE = /\.(ya?ml|json)$/i;

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function listGroupFiles(directory: string): Promise<string[]> {
  try {
    const entries = await readdir(directory, { withFileTypes: true });
    return entries
      .filter((entry) => !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function checkTopLevel(directory: string, issues: PolicyIssue[]): Promise<void> {
  for (const name of await readdir(directory)) {
    if (!/^(guardrails|baseline)\./i.test(name) || !LOOKALIKE.test(name)) continue;
    if (name === 'guardrails.yaml' || name === 'baseline.yaml') continue;
    issues.push({
      layer: name,
      path: '',
      message: 'not read: policy files are guardrails.yaml, baseline.yaml and groups/<name>.yaml',
    });
  }
}

/**
 * Reads a policy directory: `guardrails.yaml`, `baseline.yaml` and `groups/<name>.yaml`, each
 * optional (a missing document is an empty one). The file name of a group is its name.
 */
export async function loadPolicyDirectory(directory: string): Promise<LoadedPolicyDirectory> {
  const info = await stat(directory).catch(() => undefined);
  if (info === undefined || !info.isDirectory())
    return { ok: false, usage: `${directory} is not a directory` };
  const issues: PolicyIssue[] = [];
  await checkTopLevel(directory, issues);
  const groups: Record<string, string> = {};
  for (const name of await listGroupFiles(join(directory, 'groups'))) {
    const path = join(directory, 'groups', name);
    if (name.endsWith('.yaml')) {
      const text = await readFile(path, 'utf8');
      groups[name.slice(0, -'.yaml'.length)] = text;
    } else if (LOOKALIKE.test(name)) {
      issues.push({
        layer: `groups/${name}`,
        path: '',
        message: 'not read: a group file is named groups/<name>.yaml',
      });
    }
  }
  const guardrails = await readOptional(join(directory, 'guardrails.yaml'));
  const baseline = await readOptional(join(directory, 'baseline.yaml'));
  return { ok: true, sources: { guardrails, baseline, groups }, issues };
}
