/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, CR or LF, with quotes
 * doubled. A field a spreadsheet would run as a formula (starting with = + - @, a tab or CR)
 * gets a leading single quote first, so an event's resource such as `=HYPERLINK(…)`, which a
 * device controls, is shown as text and never evaluated (OWASP "CSV injection").
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 writes them. */
export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
