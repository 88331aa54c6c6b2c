/**
 * A pattern where `*` stands for any run of characters (possibly empty) and everything else is
 * literal. It is split once at compile time so matching is a few `startsWith`/`indexOf` calls.
 */
export interface WildcardPattern {
  readonly source: string;
  readonly parts: readonly string[];
}

export function compileWildcard(source: string): WildcardPattern {
  return { source, parts: source.split('*') };
}

export function matchWildcard(pattern: WildcardPattern, text: string): boolean {
  const { parts } = pattern;
  const first = parts[0] ?? '';
  if (parts.length === 1) return text === first;
  const last = parts[parts.length - 1] ?? '';
  if (text.length < first.length + last.length) return false;
  if (!text.startsWith(first) || !text.endsWith(last)) return false;
  let position = first.length;
  const end = text.length - last.length;
  for (let index = 1; index < parts.length - 1; index++) {
    const part = parts[index] ?? '';
    const found = text.indexOf(part, position);
    if (found === -1 || found + part.length > end) return false;
    position = found + part.length;
  }
  return true;
}
