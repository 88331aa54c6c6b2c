import { MAX_LINE_BYTES } from './parse-report-line';

/** One input line: its 1-based number and its text, or `overlong` when it was not kept. */
export type ReportLine =
  | { readonly number: number; readonly text: string }
  | { readonly number: number; readonly overlong: true };

/**
 * Splits NDJSON input into lines as it arrives, one array per chunk read, so a reporter that
 * writes a line at a time sees it buffered at once and a large file is stamped in batches. A
 * line longer than `MAX_LINE_BYTES` is skipped unread to its newline rather than held whole.
 */
export async function* readReportLines(
  source: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<ReportLine[]> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overlong = false;
  let number = 0;
  const finish = (tail: Buffer): ReportLine => {
    number += 1;
    const line = overlong
      ? ({ number, overlong: true } as const)
      : {
          number,
          text: Buffer.concat([...pending, tail])
            .toString('utf8')
            .replace(/\r$/, ''),
        };
    pending = [];
    pendingBytes = 0;
    overlong = false;
    return line;
  };
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    const lines: ReportLine[] = [];
    let start = 0;
    for (let newline = bytes.indexOf(0x0a); newline !== -1; newline = bytes.indexOf(0x0a, start)) {
      lines.push(finish(bytes.subarray(start, newline)));
      start = newline + 1;
    }
    const rest = bytes.subarray(start);
    if (!overlong && rest.length > 0) {
      pending.push(rest);
      pendingBytes += rest.length;
    }
    if (pendingBytes > MAX_LINE_BYTES) {
      overlong = true;
      pending = [];
      pendingBytes = 0;
    }
    if (lines.length > 0) yield lines;
  }
  if (pendingBytes > 0 || overlong) yield [finish(Buffer.alloc(0))];
}
