import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { readTarGz, writeTarGz } from './policy-archive';

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});
async function folder(): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), 'parapet-tar-test-'));
  folders.push(path);
  return path;
}

const files = [
  { path: 'policy/guardrails.yaml', content: Buffer.from('# keep this comment\nmode: enforce\n') },
  { path: 'policy/baseline.json', content: Buffer.from('{"network":{"rules":[]}}') },
  { path: `policy/groups/${'g'.repeat(63)}.yaml`, content: Buffer.alloc(1500, 'x') },
  { path: `policy/${'deep/'.repeat(25)}long.yaml`, content: Buffer.from('é ünïcode\n') },
];

describe('the policy archive (tar.gz)', () => {
  it('round-trips files byte for byte', () => {
    expect(readTarGz(writeTarGz(files))).toEqual(files);
  });

  it('writes what GNU tar extracts', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'policy.tar.gz'), writeTarGz(files));
    execFileSync('tar', ['-xzf', 'policy.tar.gz'], { cwd: dir });
    for (const file of files) expect(await readFile(join(dir, file.path))).toEqual(file.content);
  });

  it('reads what GNU tar writes, long names included', async () => {
    const dir = await folder();
    for (const file of files) {
      await mkdir(join(dir, file.path, '..'), { recursive: true });
      await writeFile(join(dir, file.path), file.content);
    }
    for (const format of ['gnu', 'ustar', 'pax']) {
      execFileSync('tar', [`--format=${format}`, '-czf', `${format}.tar.gz`, 'policy'], {
        cwd: dir,
      });
      const read = readTarGz(await readFile(join(dir, `${format}.tar.gz`)));
      expect(read.sort((a, b) => a.path.localeCompare(b.path))).toEqual(
        [...files].sort((a, b) => a.path.localeCompare(b.path)),
      );
    }
  });

  it('refuses links, paths that climb out, and damaged or foreign data', async () => {
    const dir = await folder();
    await mkdir(join(dir, 'policy'));
    await symlink('/etc/passwd', join(dir, 'policy', 'baseline.yaml'));
    execFileSync('tar', ['-czf', 'link.tar.gz', 'policy'], { cwd: dir });
    expect(() => readTarGz(Buffer.from(execFileSync('cat', [join(dir, 'link.tar.gz')])))).toThrow(
      /only regular files/,
    );
    expect(() => writeTarGz([{ path: '../escape.yaml', content: Buffer.from('') }])).toThrow(
      /relative/,
    );
    expect(() => writeTarGz([{ path: '/etc/x.yaml', content: Buffer.from('') }])).toThrow(
      /relative/,
    );
    const damaged = Buffer.from(writeTarGz(files));
    const tar = Buffer.from(gunzipSync(damaged));
    tar[10] = (tar[10] ?? 0) ^ 0xff;
    expect(() => readTarGz(gzipSync(tar))).toThrow(/damaged/);
    expect(() => readTarGz(Buffer.from('not an archive'))).toThrow(/not a gzipped tar/);
  });
});
