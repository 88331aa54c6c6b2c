// CEF escaping, after ArcSight's "Implementing ArcSight Common Event Format (CEF)": in the
// header a backslash and a pipe are escaped with a backslash; in extension values a backslash
// and an equals sign are, and a line break is written as \n or \r. Pipes in extensions and
// equals signs in the header stay as they are. A line break in a header field has no escape
// in the spec and would end the message, so it becomes a space.

export function escapeCefHeader(value: string): string {
  return value.replace(/[\\|]/g, (character) => `\\${character}`).replace(/\r\n|[\r\n]/g, ' ');
}

export function escapeCefExtensionValue(value: string): string {
  return value.replace(/[\\=\r\n]/g, (character) => {
    if (character === '\n') return '\\n';
    if (character === '\r') return '\\r';
    return `\\${character}`;
  });
}

/** `key=value` pairs joined by spaces, values escaped; keys are CEF dictionary names (no escaping needed). */
export function formatCefExtension(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([key, value]) => `${key}=${escapeCefExtensionValue(value)}`).join(' ');
}
