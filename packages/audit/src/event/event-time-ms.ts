// An event's `time` read without Date objects: ingestion checks a thousand of them per body, and
// `new Date(Date.parse(value)).toISOString() === value` (the schema's test) allocated a Date and
// a string for each. event-time-ms.test.ts holds the two to the same answers.

const eventTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const dayMs = 86_400_000;
/** 400 Gregorian years are exactly 146,097 days. */
const fourCenturiesMs = 146_097 * dayMs;
const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The instant an event's `time` names (RFC 3339 UTC with milliseconds, years 0000–9999), or NaN
 * when the text is not of that form or names no real instant (a 13th month, 30 February, hour
 * 24, second 60). Exactly the texts `new Date(ms).toISOString()` produces are accepted.
 */
export function eventTimeMs(value: string): number {
  if (!eventTime.test(value)) return Number.NaN;
  const year = number(value, 0, 4);
  const month = number(value, 5, 2);
  const day = number(value, 8, 2);
  const hour = number(value, 11, 2);
  const minute = number(value, 14, 2);
  const second = number(value, 17, 2);
  const ms = number(value, 20, 3);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
    return Number.NaN;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : (monthDays[month - 1] as number))) return Number.NaN;
  // Date.UTC reads years 0–99 as 1900–1999; four centuries later is the same calendar.
  return Date.UTC(year + 400, month - 1, day, hour, minute, second, ms) - fourCenturiesMs;
}

/** The decimal number of `length` digits at `start` (the regular expression checked they are). */
function number(value: string, start: number, length: number): number {
  let result = 0;
  for (let at = start; at < start + length; at += 1)
    result = result * 10 + value.charCodeAt(at) - 48;
  return result;
}
