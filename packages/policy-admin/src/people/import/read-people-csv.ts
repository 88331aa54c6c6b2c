import { AppError } from '@parapet/errors';
import type { z } from 'zod';
import { groupNameField } from '../../groups/group-name-field';
import {
  compareNames,
  displayNameField,
  externalIdField,
  personEmailField,
} from '../person-fields';
import { parseCsv } from './parse-csv';
import { quoteForMessage } from './quote-for-message';

// The people CSV: a header row naming the columns (any order; only `email` is required), then
// one person a line. An absent column leaves that field as it is for people already in the
// directory; a blank display name or external id clears it; blank groups mean none; a blank
// `active` leaves the flag as it is (new people are active).

export const peopleCsvColumns = [
  'email',
  'display_name',
  'external_id',
  'groups',
  'active',
] as const;
type Column = (typeof peopleCsvColumns)[number];

/** Refused before reading further: bounded work for any upload. */
export const peopleImportLimits = { maxBytes: 5 * 1024 * 1024, maxPeople: 50_000 } as const;

/** One person as a line of the file asks for them. Undefined: the column is absent or blank. */
export type PeopleCsvRow = {
  line: number;
  email: string;
  displayName?: string | null;
  externalId?: string | null;
  groups?: string[];
  active?: boolean;
};

export type ImportProblem = { line: number; message: string };

export type PeopleCsv = { rows: PeopleCsvRow[]; problems: ImportProblem[] };

/**
 * Reads the file into rows and the problems found without the database (bad values, repeated
 * emails or external ids). A file that cannot be read as a whole (too large, no header, unknown
 * columns) is refused with an AppError; a bad line is a problem, reported by line number.
 */
export function readPeopleCsv(csv: unknown): PeopleCsv {
  if (typeof csv !== 'string') {
    throw fileError('INVALID_INPUT', 'Send the people as CSV text.');
  }
  if (Buffer.byteLength(csv, 'utf8') > peopleImportLimits.maxBytes) {
    throw fileError('PAYLOAD_TOO_LARGE', 'The file is larger than 5 MB; split it into parts.');
  }
  const { records, truncated } = parseCsv(csv, { maxRecords: peopleImportLimits.maxPeople + 1 });
  if (truncated) {
    throw fileError(
      'PAYLOAD_TOO_LARGE',
      `The file has more than ${peopleImportLimits.maxPeople.toLocaleString('en')} people; split it into parts.`,
    );
  }
  const [header, ...lines] = records;
  if (!header) {
    throw fileError(
      'INVALID_INPUT',
      'The file is empty: start with a header row, like "email,display_name,groups".',
    );
  }
  if (header.fields === undefined) {
    throw fileError('INVALID_INPUT', `The header row cannot be read: ${header.error}.`);
  }
  const columns = readHeader(header.fields);
  if (lines.length === 0) throw fileError('INVALID_INPUT', 'The file has a header but no people.');
  const rows: PeopleCsvRow[] = [];
  const problems: ImportProblem[] = [];
  const emailLines = new Map<string, number>();
  const externalIdLines = new Map<string, number>();
  for (const record of lines) {
    const { line } = record;
    if (record.fields === undefined) {
      problems.push({ line, message: `This line cannot be read: ${record.error}.` });
      continue;
    }
    if (record.fields.length !== columns.length) {
      const message = `This line has ${record.fields.length} fields; the header has ${columns.length} columns.`;
      problems.push({ line, message });
      continue;
    }
    const read = readRow(line, columns, record.fields);
    const duplicates = [
      repeated(emailLines, read.row?.email, line, 'email'),
      repeated(externalIdLines, read.row?.externalId ?? undefined, line, 'external id'),
    ].filter((message) => message !== undefined);
    const messages = [...read.messages, ...duplicates];
    if (messages.length > 0 || !read.row) {
      problems.push(...messages.map((message) => ({ line, message })));
    } else {
      rows.push(read.row);
    }
  }
  return { rows, problems };
}

function fileError(code: 'INVALID_INPUT' | 'PAYLOAD_TOO_LARGE', message: string): AppError {
  return new AppError(code, message, { fieldErrors: { csv: [message] } });
}

/** "Display Name" and "display-name" are read as display_name: spreadsheets vary. */
function readHeader(fields: string[]): Column[] {
  const names = fields.map((field) =>
    field
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const known = new Set<string>(peopleCsvColumns);
  const unknown = names.filter((name) => !known.has(name));
  const listed = `The columns are ${peopleCsvColumns.join(', ')}.`;
  if (unknown.length > 0) {
    const quoted = unknown.map(quoteForMessage).join(', ');
    throw fileError(
      'INVALID_INPUT',
      `Unknown column${unknown.length === 1 ? '' : 's'} ${quoted}. ${listed}`,
    );
  }
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice !== undefined)
    throw fileError('INVALID_INPUT', `The column ${quoteForMessage(twice)} appears twice.`);
  if (!names.includes('email')) {
    throw fileError('INVALID_INPUT', `The header has no email column. ${listed}`);
  }
  return names as Column[];
}

function readRow(
  line: number,
  columns: Column[],
  fields: string[],
): { row: PeopleCsvRow | undefined; messages: string[] } {
  const messages: string[] = [];
  const cell = (column: Column) => {
    const index = columns.indexOf(column);
    return index === -1 ? undefined : (fields[index] ?? '');
  };
  const email = checked(personEmailField, cell('email'), 'email', messages);
  const row: PeopleCsvRow = { line, email: email ?? '' };
  for (const [column, field, key] of [
    ['display_name', displayNameField, 'displayName'],
    ['external_id', externalIdField, 'externalId'],
  ] as const) {
    const text = cell(column);
    if (text === undefined) continue;
    row[key] = text.trim() === '' ? null : (checked(field, text, column, messages) ?? null);
  }
  const groups = cell('groups');
  if (groups !== undefined) row.groups = readGroups(groups, messages);
  const active = readActive(cell('active'), messages);
  if (active !== undefined) row.active = active;
  return { row: email === undefined ? undefined : row, messages };
}

function checked<Output>(
  schema: z.ZodType<Output>,
  value: string | undefined,
  column: string,
  messages: string[],
): Output | undefined {
  const result = schema.safeParse(value ?? '');
  if (result.success) return result.data;
  messages.push(`${column}: ${result.error.issues[0]?.message ?? 'not valid'}`);
  return undefined;
}

function readGroups(text: string, messages: string[]): string[] {
  const names = text
    .split(';')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  for (const name of names) {
    const result = groupNameField.safeParse(name);
    if (!result.success) {
      messages.push(`groups: ${quoteForMessage(name)}: ${result.error.issues[0]?.message}`);
    }
  }
  return [...new Set(names)].sort(compareNames);
}

const activeValues = new Map([
  ['true', true],
  ['yes', true],
  ['1', true],
  ['false', false],
  ['no', false],
  ['0', false],
]);

function readActive(text: string | undefined, messages: string[]): boolean | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = activeValues.get(text.trim().toLowerCase());
  if (value === undefined) {
    messages.push(`active: ${quoteForMessage(text)} is not true or false (also yes/no, 1/0).`);
  }
  return value;
}

function repeated(
  seen: Map<string, number>,
  value: string | undefined,
  line: number,
  what: string,
): string | undefined {
  if (value === undefined || value === null) return undefined;
  const first = seen.get(value);
  if (first === undefined) {
    seen.set(value, line);
    return undefined;
  }
  return `This ${what} is also on line ${first}: one line per person.`;
}
