import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The real `parapet-policy` bin, run as a subprocess the way people and CI run it.

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = join(packageRoot, 'bin/parapet-policy.mjs');
const acme = join(packageRoot, 'examples/acme');
const scratch = mkdtempSync(join(tmpdir(), 'parapet-policy-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], stdin = ''): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: packageRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

let counter = 0;
function policyDir(files: Record<string, string>): string {
  const dir = join(scratch, `policy-${counter++}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

function lines(text: string): string[] {
  return text.split('\n').filter((line, index, all) => !(line === '' && index === all.length - 1));
}

const baseline = `network:
  rules:
    - id: github
      action: allow
      hosts: [github.com]
      ports: [443]
`;
const eng = `network:
  rules:
    - id: npm
      action: allow
      hosts: [registry.npmjs.org]
`;

describe('parapet-policy check', () => {
  it('passes the acme example and prints a summary', async () => {
    const result = await run(['check', acme]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(
      /^ok: 5 layers \(guardrails, baseline, group:engineering, group:finance, group:security-research\), \d+ rules, (\d+) tests: \1 passed, 0 failed\n$/,
    );
  });

  it('fails on invalid documents, naming every problem by layer, path and line', async () => {
    const dir = policyDir({
      'guardrails.yaml':
        'network:\n  rules:\n    - id: a\n      action: allow\n      hosts: [example.com, "*.com"]\n',
      'groups/eng.yaml': 'mode: loud\n',
      'baseline.yaml': baseline,
    });
    const result = await run(['check', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('guardrails: network.rules[0].hosts[1] (line 5): ');
    expect(result.stdout).toContain('group:eng: mode (line 1): must be one of enforce, audit');
    expect(result.stdout).toContain('2 problems');
  });

  it('fails on a failing policy test, naming it', async () => {
    const dir = policyDir({
      'baseline.yaml': `${baseline}tests:
  - name: github over https
    request: { surface: network, host: github.com, port: 443 }
    expect: allow
  - name: npm for everyone
    request: { surface: network, host: registry.npmjs.org }
    expect: allow
`,
      'groups/eng.yaml': eng,
    });
    const result = await run(['check', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'FAIL baseline: test "npm for everyone": expected allow; got deny',
    );
    expect(result.stdout).not.toContain('github over https"');
    expect(result.stdout).toContain('2 tests: 1 passed, 1 failed');
  });

  it('refuses a policy file it would otherwise silently skip', async () => {
    const dir = policyDir({ 'baseline.yaml': baseline, 'groups/eng.yml': eng });
    const result = await run(['check', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('groups/eng.yml');
  });
});

describe('parapet-policy eval', () => {
  const dir = policyDir({ 'baseline.yaml': baseline, 'groups/eng.yaml': eng });

  it('prints exactly one decision per input line, bad lines included', async () => {
    const input = [
      '{"surface":"network","host":"github.com","port":443}',
      'not json',
      '',
      '{"groups":["eng"],"request":{"surface":"network","host":"registry.npmjs.org"}}',
      '{"surface":"network","host":"registry.npmjs.org"}',
      '[1,2]',
      '{"groups":"eng","request":{"surface":"network","host":"github.com"}}',
      '{"surface":"network","host":"bad host"}\r',
    ].join('\n');
    const file = join(dir, 'requests.jsonl');
    writeFileSync(file, `${input}\n`);
    const result = await run(['eval', dir, file]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const decisions = lines(result.stdout).map((line) => JSON.parse(line));
    expect(
      decisions.map((decision) => [decision.decision, decision.ruleId, typeof decision.reason]),
    ).toEqual([
      ['allow', 'github', 'undefined'],
      ['deny', null, 'string'],
      ['deny', null, 'string'],
      ['allow', 'npm', 'undefined'],
      ['deny', null, 'undefined'],
      ['deny', null, 'string'],
      ['deny', null, 'string'],
      ['deny', null, 'string'],
    ]);
  });

  it('reads stdin for -, and --groups sets the default groups', async () => {
    const input =
      '{"surface":"network","host":"registry.npmjs.org"}\n{"groups":[],"request":{"surface":"network","host":"registry.npmjs.org"}}\n';
    const result = await run(['eval', dir, '-', '--groups', 'eng,unknown'], input);
    expect(lines(result.stdout).map((line) => JSON.parse(line).decision)).toEqual([
      'allow',
      'deny',
    ]);
  });

  it('keeps up with a large input, in order', async () => {
    const count = 30_000;
    const requests = Array.from({ length: count }, (_, index) =>
      index % 3 === 0
        ? '{"surface":"network","host":"github.com","port":443}'
        : index % 3 === 1
          ? 'oops'
          : '{"surface":"network","host":"x.test"}',
    );
    const file = join(dir, 'large.jsonl');
    writeFileSync(file, `${requests.join('\n')}\n`);
    const result = await run(['eval', dir, file]);
    const output = lines(result.stdout);
    expect(output).toHaveLength(count);
    const wrong = output.findIndex((line, index) => {
      const decision = JSON.parse(line);
      return index % 3 === 0
        ? decision.decision !== 'allow'
        : index % 3 === 1
          ? decision.reason === undefined
          : decision.ruleId !== null || decision.reason !== undefined;
    });
    expect(wrong).toBe(-1);
  });

  it('refuses an invalid policy directory with the problems on stderr', async () => {
    const broken = policyDir({
      'baseline.yaml': 'network:\n  rules:\n    - { id: a, action: allow }\n',
    });
    const result = await run(['eval', broken, '-'], '{"surface":"network","host":"a.test"}\n');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'baseline: network.rules[0] (line 3): a network rule needs hosts or cidrs',
    );
  });
});

describe('usage', () => {
  it.each([
    ['check without a directory', ['check']],
    ['eval without requests', ['eval', acme]],
    ['an unknown command', ['lint', acme]],
    ['an unknown option', ['check', acme, '--verbose']],
    ['a directory that does not exist', ['check', join(scratch, 'does-not-exist')]],
    ['a requests file that does not exist', ['eval', acme, join(scratch, 'no-such-file.jsonl')]],
    ['--groups without a value', ['eval', acme, '-', '--groups']],
  ])('%s exits 2', async (_what, args) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toBe('');
  });

  it('--help prints the usage and exits 0', async () => {
    const result = await run(['--help']);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('parapet-policy check <dir>');
  });
});
