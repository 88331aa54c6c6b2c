// RFC 4180 CSV, read as spreadsheets and identity providers write it: fields separated by
// commas, records by CRLF (a bare LF or CR too, as some tools write them), fields in double
// quotes when they hold a comma, a quote or a line break, a quote inside doubled (""). A leading
// byte order mark is dropped (Excel writes one in "CSV UTF-8"). Malformed quoting is reported
// for its record rather than guessed at, and reading resumes at the next line.

/** One record: its fields, or what is wrong with it. `line` is where it starts (from 1). */
export type CsvRecord =
  | { line: number; fields: string[]; error?: undefined }
  | { line: number; error: string; fields?: undefined };

const strayQuote =
  'a double quote inside an unquoted field: quote the whole field and double the quotes in it ("a ""b"" c")';
const textAfterQuote = 'text after the closing quote of a field: put the whole field in quotes';
const unclosedQuote = 'a quoted field is never closed (a missing closing double quote)';

/**
 * Splits CSV text into records. Blank lines are skipped. Stops after `maxRecords` records and
 * says so in `truncated`, so an oversized file costs no more than the limit to refuse.
 */
export function parseCsv(
  text: string,
  { maxRecords = Number.POSITIVE_INFINITY }: { maxRecords?: number } = {},
): { records: CsvRecord[]; truncated: boolean } {
  const records: CsvRecord[] = [];
  let at = text.startsWith('\uFEFF') ? 1 : 0;
  let line = 1;
  while (at < text.length) {
    if (records.length >= maxRecords) return { records, truncated: true };
    const record = readRecord(text, at, line);
    at = record.end;
    if (!record.blank) records.push(record.record);
    line = record.nextLine;
  }
  return { records, truncated: false };
}

type ReadRecord = { record: CsvRecord; blank: boolean; end: number; nextLine: number };

function readRecord(text: string, start: number, startLine: number): ReadRecord {
  const fields: string[] = [];
  let at = start;
  let line = startLine;
  for (;;) {
    if (text[at] === '"') {
      const quoted = readQuotedField(text, at + 1);
      line += quoted.lineBreaks;
      if (quoted.value === undefined) {
        return failed(text, quoted.end, startLine, line, unclosedQuote);
      }
      fields.push(quoted.value);
      at = quoted.end;
      if (at < text.length && !isSeparator(text, at)) {
        return failed(text, at, startLine, line, textAfterQuote);
      }
    } else {
      let end = at;
      while (end < text.length && !isSeparator(text, end)) {
        if (text[end] === '"') return failed(text, end, startLine, line, strayQuote);
        end += 1;
      }
      fields.push(text.slice(at, end));
      at = end;
    }
    if (text[at] === ',') {
      at += 1;
      continue;
    }
    const end = skipLineBreak(text, at);
    const blank = fields.length === 1 && fields[0]?.trim() === '' && text[start] !== '"';
    return {
      record: { line: startLine, fields },
      blank,
      end,
      nextLine: line + (end > at ? 1 : 0),
    };
  }
}

/** A quoted field's value from just after its opening quote, or undefined if never closed. */
function readQuotedField(
  text: string,
  start: number,
): { value: string | undefined; end: number; lineBreaks: number } {
  let value = '';
  let at = start;
  let lineBreaks = 0;
  for (;;) {
    const quote = text.indexOf('"', at);
    const chunk = quote === -1 ? text.slice(at) : text.slice(at, quote);
    lineBreaks += countLineBreaks(chunk);
    value += chunk;
    if (quote === -1) return { value: undefined, end: text.length, lineBreaks };
    if (text[quote + 1] === '"') {
      value += '"';
      at = quote + 2;
      continue;
    }
    return { value, end: quote + 1, lineBreaks };
  }
}

function isSeparator(text: string, at: number): boolean {
  const character = text[at];
  return character === ',' || character === '\n' || character === '\r';
}

function skipLineBreak(text: string, at: number): number {
  if (text[at] === '\r') return text[at + 1] === '\n' ? at + 2 : at + 1;
  if (text[at] === '\n') return at + 1;
  return at;
}

function countLineBreaks(chunk: string): number {
  let count = 0;
  for (let at = 0; at < chunk.length; at += 1) {
    const character = chunk[at];
    if (character === '\n' || (character === '\r' && chunk[at + 1] !== '\n')) count += 1;
  }
  return count;
}

/** A malformed record: skip to the end of the physical line the problem is on, and go on. */
function failed(
  text: string,
  from: number,
  startLine: number,
  line: number,
  error: string,
): ReadRecord {
  let end = from;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end += 1;
  const next = skipLineBreak(text, end);
  return {
    record: { line: startLine, error },
    blank: false,
    end: next,
    nextLine: line + (next > end ? 1 : 0),
  };
}
