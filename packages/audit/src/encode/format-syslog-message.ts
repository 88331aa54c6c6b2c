// RFC 5424 messages and RFC 6587 / RFC 5425 octet-counted framing.

export type SyslogMessageParts = {
  /** 0–23. */
  facility: number;
  /** 0–7. */
  severity: number;
  /** RFC 3339 with at most six fractional digits, or null for the NILVALUE. */
  timestamp: string | null;
  hostname: string | null;
  appName: string | null;
  procId: string | null;
  msgId: string | null;
  /** SD-ID → its parameters; an empty list gives the NILVALUE. */
  structuredData: ReadonlyArray<{ id: string; params: ReadonlyArray<readonly [string, string]> }>;
  message: string;
  /**
   * 'non-ascii' (Parapet's choice): MSG is MSG-UTF8, with a BOM, only when it has characters
   * beyond US-ASCII; 'always' writes the BOM before any MSG, as RFC 5424's own examples do.
   */
  bom?: 'non-ascii' | 'always';
};

const BOM = '\uFEFF';

/**
 * A header field is printable US-ASCII without spaces (RFC 5424 §6.2), with a maximum length;
 * anything else in a value we were handed is replaced so the header stays parseable.
 */
function headerField(value: string | null, maxLength: number): string {
  if (value === null || value === '') return '-';
  return value.replace(/[^!-~]/g, '_').slice(0, maxLength);
}

/** RFC 5424 §6.3.3: inside PARAM-VALUE, '"', '\' and ']' MUST be escaped with a backslash. */
export function escapeSdParamValue(value: string): string {
  return value.replace(/["\\\]]/g, (character) => `\\${character}`);
}

function formatStructuredData(elements: SyslogMessageParts['structuredData']): string {
  if (elements.length === 0) return '-';
  return elements
    .map(({ id, params }) => {
      const body = params
        .map(([name, value]) => ` ${name}="${escapeSdParamValue(value)}"`)
        .join('');
      return `[${id}${body}]`;
    })
    .join('');
}

/**
 * One RFC 5424 SYSLOG-MSG. MSG is written as MSG-UTF8 (with a BOM) only when it has characters
 * beyond US-ASCII: a pure-ASCII message reads the same in every encoding, and a leading BOM
 * would stand between a CEF or JSON parser and the `CEF:0` or `{` it looks for.
 */
export function formatSyslogMessage(parts: SyslogMessageParts): string {
  const header = [
    `<${parts.facility * 8 + parts.severity}>1`,
    parts.timestamp ?? '-',
    headerField(parts.hostname, 255),
    headerField(parts.appName, 48),
    headerField(parts.procId, 128),
    headerField(parts.msgId, 32),
    formatStructuredData(parts.structuredData),
  ].join(' ');
  if (parts.message === '') return header;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is for "anything beyond US-ASCII".
  const bom = parts.bom === 'always' || /[^\u0000-\u007f]/.test(parts.message) ? BOM : '';
  return `${header} ${bom}${parts.message}`;
}

/** RFC 6587 §3.4.1 / RFC 5425 §4.3 octet counting: `MSG-LEN SP SYSLOG-MSG`, MSG-LEN in bytes. */
export function frameOctetCounted(message: string): string {
  return `${Buffer.byteLength(message, 'utf8')} ${message}`;
}
