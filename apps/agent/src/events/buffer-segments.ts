import { open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FILE_MODE, syncDirectory } from '../state/atomic-write';

/** One NDJSON file of the buffer, named by the seq of its first event. */
export interface Segment {
  readonly first: number;
  readonly path: string;
  readonly size: number;
}

/** A complete line of a segment (without its newline) and where it sits. */
export interface SegmentLine {
  readonly text: string;
  readonly start: number;
  /** The offset just past its newline: where the next line starts. */
  readonly end: number;
}

const SEGMENT_NAME = /^(\d{16})\.ndjson$/;

export function segmentPath(dir: string, first: number): string {
  return join(dir, `${String(first).padStart(16, '0')}.ndjson`);
}

/** The segments in `dir`, oldest first. */
export async function listSegments(dir: string): Promise<Segment[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const segments: Segment[] = [];
  for (const name of names) {
    const match = SEGMENT_NAME.exec(name);
    if (match?.[1] === undefined) continue;
    const path = join(dir, name);
    segments.push({ first: Number(match[1]), path, size: (await stat(path)).size });
  }
  return segments.sort((a, b) => a.first - b.first);
}

/**
 * Appends `text` and flushes it to disk before returning: what the caller then records as
 * committed survives a crash. A new file's directory entry is flushed too.
 */
export async function appendToSegment(path: string, text: string, created: boolean): Promise<void> {
  const handle = await open(path, 'a', FILE_MODE);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (created) await syncDirectory(join(path, '..'));
}

/** Cuts a segment back to `size` bytes (dropping a torn tail) and flushes the cut. */
export async function truncateSegment(path: string, size: number): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.truncate(size);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The complete lines of a segment from `offset` on, and the bytes after the last newline (a
 * line whose write was cut short). Segments are small (`SEGMENT_BYTES`), so one is read whole.
 */
export async function readSegmentLines(
  path: string,
  offset = 0,
): Promise<{ lines: SegmentLine[]; tornFrom: number | undefined }> {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  });
  const lines: SegmentLine[] = [];
  let start = offset;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    if (newline === -1) return { lines, tornFrom: start };
    lines.push({ text: bytes.toString('utf8', start, newline), start, end: newline + 1 });
    start = newline + 1;
  }
  return { lines, tornFrom: undefined };
}

export async function removeSegments(segments: readonly Segment[]): Promise<void> {
  for (const segment of segments) await rm(segment.path, { force: true });
}
