import { z } from 'zod';
import { hasControlCharacter, hasSpaceOrControlCharacter } from '../syntax/find-control-character';
import { parseCidr } from '../syntax/parse-cidr';
import { parseDuration } from '../syntax/parse-duration';
import { type HostPatternPlace, parseHostPattern } from '../syntax/parse-host-pattern';
import { parseMcpUrl } from '../syntax/parse-mcp-url';
import { parsePathPattern } from '../syntax/parse-path-pattern';
import { parsePortSpec } from '../syntax/parse-port-spec';

// The string schemas check syntax with the same parsers the compiler uses, so a document that
// validates always compiles, and every problem is reported at the entry's own path.

type ParseOutcome = { ok: true } | { ok: false; message: string };

function checkedString(parse: (text: string) => ParseOutcome, description: string) {
  return z
    .string()
    .check((ctx) => {
      const result = parse(ctx.value);
      if (!result.ok)
        ctx.issues.push({ code: 'custom', message: result.message, input: ctx.value });
    })
    .meta({ description });
}

/** Printable text without control characters: ids, names, credentials, tool patterns. */
export function nameSchema(description: string, maxLength = 256) {
  return z
    .string()
    .min(1, 'must not be empty')
    .max(maxLength, `must be at most ${maxLength} characters`)
    .refine((text) => !hasControlCharacter(text), 'must not contain control characters')
    .meta({ description });
}

export const ruleIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .refine(
    (text) => !hasSpaceOrControlCharacter(text),
    'must not contain spaces or control characters',
  )
  .meta({
    description:
      'Unique within the document (across all its surfaces); reported in every decision.',
  });

export const modeSchema = z
  .enum(['enforce', 'audit'])
  .meta({ description: 'enforce blocks; audit only logs what would have been blocked.' });

export const descriptionSchema = z.string().max(2000, 'must be at most 2000 characters');

export function hostPatternSchema(place: HostPatternPlace) {
  return checkedString(
    (text) => parseHostPattern(text, place),
    'A host name, *.suffix (exactly one more label), **.suffix (one or more labels), or an IP literal.',
  );
}

export const cidrSchema = checkedString(
  parseCidr,
  'An IPv4/IPv6 CIDR such as 10.0.0.0/8, or a single address.',
);

/** An `except` entry is a CIDR when it has a `/`, otherwise a host pattern. */
export const exceptEntrySchema = checkedString(
  (text) => (text.includes('/') ? parseCidr(text) : parseHostPattern(text, 'except')),
  'A host pattern or a CIDR that this deny rule does not apply to.',
);

export const portSchema = z
  .union([z.number(), z.string()])
  .check((ctx) => {
    const result = parsePortSpec(ctx.value);
    if (!result.ok) ctx.issues.push({ code: 'custom', message: result.message, input: ctx.value });
  })
  .meta({ description: 'A port (1–65535) or a range such as "8000-8999".' });

export const pathPatternSchema = checkedString(
  parsePathPattern,
  'An absolute path, ~/…, :home/… or :workspace/…; * within a segment, ** for any number of segments.',
);

export const durationSchema = checkedString(
  parseDuration,
  'A lease length such as 30m or 8h; at most 24h.',
);

function checkUrlPattern(text: string): ParseOutcome {
  const parsed = parseMcpUrl(text);
  if (!parsed.ok) return parsed;
  for (const segment of parsed.url.segments) {
    if (segment.includes('**') && segment !== '**') {
      return { ok: false, message: '"**" must be a whole path segment; use * within a segment' };
    }
  }
  return { ok: true };
}

export const mcpUrlPatternSchema = checkedString(
  checkUrlPattern,
  'The server URL: scheme and host compared exactly, default port filled in, path matched with * and **.',
);

export const commandSchema = z
  .array(
    z
      .string()
      .refine((text) => !text.includes('\u0000'), 'an argument cannot contain a NUL character'),
  )
  .min(1, 'must list the program and its arguments')
  .check((ctx) => {
    ctx.value.forEach((argument, index) => {
      if (argument === '**' && index !== ctx.value.length - 1) {
        ctx.issues.push({
          code: 'custom',
          message: '"**" may only be the last argument (it matches any remaining arguments)',
          input: argument,
          path: [index],
        });
      }
    });
  })
  .meta({ description: 'The exact argument array; a final "**" matches any remaining arguments.' });

export const toolPatternSchema = nameSchema('A tool name; * is a wildcard.');
