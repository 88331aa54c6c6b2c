import { gunzipSync, gzipSync } from 'node:zlib';

// The policy-as-code archive: a gzipped ustar tar of plain files, what `tar -czf` writes and
// `tar -xzf` reads. Only what a policy folder needs is written or accepted: regular files and
// folders, relative paths without `..`, bounded sizes; anything else (links, devices, absolute
// paths) is refused rather than skipped, so what is imported is exactly what was sent.

export type ArchiveFile = { path: string; content: Buffer };

/** What is wrong with an archive, in words for whoever sent it. */
export class PolicyArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyArchiveError';
  }
}

const BLOCK = 512;
const MAX_ENTRIES = 2_000;
const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

export function writeTarGz(files: readonly ArchiveFile[]): Buffer {
  const blocks: Buffer[] = [];
  for (const file of files) {
    assertSafePath(file.path);
    blocks.push(header({ path: file.path, size: file.content.length }));
    blocks.push(file.content, Buffer.alloc(padding(file.content.length)));
  }
  blocks.push(Buffer.alloc(BLOCK * 2));
  // A fixed modification time keeps the same content byte-identical across exports.
  return gzipSync(Buffer.concat(blocks), { level: 9 });
}

export function readTarGz(archive: Buffer): ArchiveFile[] {
  let tar: Buffer;
  try {
    tar = gunzipSync(archive, { maxOutputLength: MAX_UNPACKED_BYTES });
  } catch {
    throw invalid('The archive is not a gzipped tar file, or it unpacks to more than 64 MB.');
  }
  const files: ArchiveFile[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= tar.length) {
    const block = tar.subarray(offset, offset + BLOCK);
    if (block.every((byte) => byte === 0)) break;
    if (!checksumMatches(block)) throw invalid(`The tar header at byte ${offset} is damaged.`);
    const size = readOctal(block.subarray(124, 136));
    const type = String.fromCharCode(block[156] ?? 0);
    const dataStart = offset + BLOCK;
    if (dataStart + size > tar.length) throw invalid('The archive ends in the middle of a file.');
    const data = tar.subarray(dataStart, dataStart + size);
    offset = dataStart + size + padding(size);
    if (type === 'L') {
      // GNU long name: the next entry's path.
      longName = data.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    const path = longName ?? entryPath(block);
    longName = undefined;
    if (type === 'x') {
      // pax extended header: of its records only the next entry's path matters here.
      longName = paxPath(data);
      continue;
    }
    if (type === 'g') continue; // pax global metadata: not content
    if (type === '5') continue; // a folder: implied by the files' paths
    if (type !== '0' && type !== '\0') {
      throw invalid(
        `${path}: only regular files may be in the archive (links and devices are refused).`,
      );
    }
    assertSafePath(path);
    files.push({ path, content: Buffer.from(data) });
    if (files.length > MAX_ENTRIES)
      throw invalid(`The archive holds more than ${MAX_ENTRIES} files.`);
  }
  return files;
}

function header({ path, size }: { path: string; size: number }): Buffer {
  const block = Buffer.alloc(BLOCK);
  const name = Buffer.from(path, 'utf8');
  if (name.length > 100) {
    // ustar's prefix field takes the folders, the name field the rest.
    const split = path.lastIndexOf('/', path.length - 1);
    const prefix = Buffer.from(path.slice(0, split), 'utf8');
    const rest = Buffer.from(path.slice(split + 1), 'utf8');
    if (split < 0 || prefix.length > 155 || rest.length > 100) {
      throw invalid(`${path}: the path is too long for the archive.`);
    }
    rest.copy(block, 0);
    prefix.copy(block, 345);
  } else {
    name.copy(block, 0);
  }
  writeOctal(block, 100, 8, 0o644);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, 0);
  block.write('        ', 148, 'ascii');
  block.write('0', 156, 'ascii');
  block.write('ustar\u000000', 257, 'binary');
  writeOctal(block, 148, 8, sum(block));
  return block;
}

/** The `path` record of a pax extended header ("<length> path=<value>\n" records). */
function paxPath(data: Buffer): string | undefined {
  let offset = 0;
  let path: string | undefined;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    const length = Number.parseInt(data.subarray(offset, space).toString('ascii'), 10);
    if (space === -1 || !Number.isInteger(length) || length <= 0) {
      throw invalid('A pax header in the archive is damaged.');
    }
    const record = data.subarray(space + 1, offset + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    if (record.slice(0, equals) === 'path') path = record.slice(equals + 1);
    offset += length;
  }
  return path;
}

function entryPath(block: Buffer): string {
  const name = cString(block.subarray(0, 100));
  const magic = block.subarray(257, 262).toString('ascii');
  const prefix = magic === 'ustar' ? cString(block.subarray(345, 500)) : '';
  return prefix ? `${prefix}/${name}` : name;
}

function assertSafePath(path: string): void {
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (
    path.startsWith('/') ||
    path.includes('\\') ||
    path.includes('\0') ||
    parts.some((part) => part === '..') ||
    parts.length === 0
  ) {
    throw invalid(`${JSON.stringify(path)}: paths in the archive must be relative, without "..".`);
  }
}

function checksumMatches(block: Buffer): boolean {
  const stored = readOctal(block.subarray(148, 156));
  const copy = Buffer.from(block);
  copy.write('        ', 148, 'ascii');
  return sum(copy) === stored;
}

function sum(block: Buffer): number {
  let total = 0;
  for (const byte of block) total += byte;
  return total;
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length, 'ascii');
}

function readOctal(field: Buffer): number {
  const text = cString(field).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw invalid('A tar header holds a number that is not octal.');
  return Number.parseInt(text, 8);
}

function cString(field: Buffer): string {
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString('utf8');
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

function invalid(message: string): PolicyArchiveError {
  return new PolicyArchiveError(message);
}
