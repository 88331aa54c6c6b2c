import { decodeBase64url, decodeUtf8 } from './base64url';
import { isBundleFormatError } from './bundle-format-error';
import { canonicalJson } from './canonical-json';
import { parseStrictJson } from './parse-strict-json';
import type { JwsType } from './sign-general-jws';
import { type Refused, refuse } from './trust-state';

export type JwsSignature = { kid: string; protected: string; signature: string };
export type GeneralJws = { payload: string; signatures: JwsSignature[] };

type Read<T> = { ok: true; value: T } | Refused;

/**
 * Reads a general JSON serialization JWS and everything about it that needs no key: its shape,
 * duplicate names, and each protected header (only `alg: EdDSA`, a `kid` and the expected `typ`;
 * no unprotected header, no `crit`). The payload is left unread until a signature vouches for it.
 */
export function readGeneralJws(text: unknown, typ: JwsType): Read<GeneralJws> {
  if (typeof text !== 'string') return refuse('malformed', 'The document is not text');
  const document = parseJson(text, 'The document');
  if (!document.ok) return document;
  const outer = document.value;
  if (!isPlainObject(outer)) return refuse('malformed', 'The document is not a JSON object');
  const stray = Object.keys(outer).find(
    (name) => !['payload', 'signatures', 'header'].includes(name),
  );
  if (stray !== undefined)
    return refuse(
      'malformed',
      `The document has a member ${JSON.stringify(stray)} the general serialization does not`,
    );
  const { payload, signatures } = outer;
  if (typeof payload !== 'string' || decodeBase64url(payload) === undefined)
    return refuse('malformed', 'payload is not base64url text');
  if (!Array.isArray(signatures)) return refuse('malformed', 'signatures is not an array');

  const shaped: ShapedSignature[] = [];
  for (const [index, entry] of signatures.entries()) {
    const signature = readSignatureShape(entry, `signatures[${index}]`);
    if (!signature.ok) return signature;
    shaped.push(signature.value);
  }
  if (shaped.length === 0) return refuse('unsigned', 'The document carries no signature');
  // Parameters outside the signature could be changed by anyone on the way.
  if ('header' in outer || shaped.some((signature) => signature.hasHeader))
    return refuse('alg_not_allowed', 'An unprotected header is present');

  const read: JwsSignature[] = [];
  for (const [index, entry] of shaped.entries()) {
    const kid = readProtectedHeader(entry.protected, `signatures[${index}]`, typ);
    if (!kid.ok) return kid;
    read.push({ kid: kid.value, protected: entry.protected, signature: entry.signature });
  }
  return { ok: true, value: { payload, signatures: read } };
}

type ShapedSignature = { protected: string; signature: string; hasHeader: boolean };

function readSignatureShape(entry: unknown, where: string): Read<ShapedSignature> {
  if (!isPlainObject(entry)) return refuse('malformed', `${where} is not an object`);
  const stray = Object.keys(entry).find(
    (name) => !['protected', 'signature', 'header'].includes(name),
  );
  if (stray !== undefined)
    return refuse('malformed', `${where} has a member ${JSON.stringify(stray)}`);
  const { protected: protectedHeader, signature } = entry;
  if (typeof protectedHeader !== 'string' || decodeBase64url(protectedHeader) === undefined)
    return refuse('malformed', `${where}.protected is not base64url text`);
  if (typeof signature !== 'string' || decodeBase64url(signature) === undefined)
    return refuse('malformed', `${where}.signature is not base64url text`);
  return {
    ok: true,
    value: { protected: protectedHeader, signature, hasHeader: 'header' in entry },
  };
}

function readProtectedHeader(encoded: string, where: string, typ: JwsType): Read<string> {
  const text = decodeUtf8(decodeBase64url(encoded) ?? new Uint8Array());
  if (text === undefined) return refuse('malformed', `${where}: the protected header is not UTF-8`);
  const parsed = parseJson(text, `${where}: the protected header`);
  if (!parsed.ok) return parsed;
  const header = parsed.value;
  if (!isPlainObject(header))
    return refuse('malformed', `${where}: the protected header is not an object`);
  if ('crit' in header) return refuse('alg_not_allowed', `${where}: crit is not accepted`);
  if (header.alg !== 'EdDSA')
    return refuse('alg_not_allowed', `${where}: alg ${JSON.stringify(header.alg)} is not EdDSA`);
  const stray = Object.keys(header).find((name) => !['alg', 'kid', 'typ'].includes(name));
  if (stray !== undefined)
    return refuse(
      'malformed',
      `${where}: the protected header has a member ${JSON.stringify(stray)}`,
    );
  if (header.typ !== typ)
    return refuse('malformed', `${where}: typ ${JSON.stringify(header.typ)} is not ${typ}`);
  if (typeof header.kid !== 'string' || header.kid === '')
    return refuse('malformed', `${where}: kid is missing`);
  return { ok: true, value: header.kid };
}

/**
 * The payload as a JSON object, refused unless its bytes are exactly the RFC 8785 form of
 * what they parse to: one value, one byte string, so every party hashes and reads the same.
 */
export function readCanonicalPayload(payload: string): Read<Record<string, unknown>> {
  const text = decodeUtf8(decodeBase64url(payload) ?? new Uint8Array());
  if (text === undefined) return refuse('malformed', 'The payload is not UTF-8');
  const parsed = parseJson(text, 'The payload');
  if (!parsed.ok) return parsed;
  if (!isPlainObject(parsed.value)) return refuse('malformed', 'The payload is not a JSON object');
  let canonical: string | undefined;
  try {
    canonical = canonicalJson(parsed.value);
  } catch {
    // Only a number beyond the double range (1e400) parses to a value JCS cannot write.
    canonical = undefined;
  }
  if (canonical !== text)
    return refuse('non_canonical', 'The payload is not RFC 8785 canonical JSON');
  return { ok: true, value: parsed.value };
}

function parseJson(text: string, what: string): Read<unknown> {
  try {
    return { ok: true, value: parseStrictJson(text) };
  } catch (error) {
    if (isBundleFormatError(error) && error.reason === 'duplicate_keys')
      return refuse('duplicate_keys', `${what}: ${error.message}`);
    return refuse(
      'malformed',
      `${what} is not JSON: ${error instanceof Error ? error.message : ''}`,
    );
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
