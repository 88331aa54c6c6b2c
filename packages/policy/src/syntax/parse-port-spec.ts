/** An inclusive range of ports; a single port is a range of one. */
export type PortRange = readonly [low: number, high: number];

export type PortSpecResult =
  | { readonly ok: true; readonly range: PortRange }
  | { readonly ok: false; readonly message: string };

const PORT_MESSAGE = 'a port is an integer from 1 to 65535, or a range such as "8000-8999"';

function parsePortNumber(text: string): number {
  if (!/^[1-9]\d{0,4}$/.test(text)) return -1;
  const port = Number(text);
  return port <= 65535 ? port : -1;
}

/** Parses one entry of a rule's `ports`: `443`, `"443"` or `"8000-8999"`. */
export function parsePortSpec(spec: number | string): PortSpecResult {
  if (typeof spec === 'number') {
    return Number.isInteger(spec) && spec >= 1 && spec <= 65535
      ? { ok: true, range: [spec, spec] }
      : { ok: false, message: PORT_MESSAGE };
  }
  const dash = spec.indexOf('-');
  const low = parsePortNumber(dash === -1 ? spec : spec.slice(0, dash));
  const high = dash === -1 ? low : parsePortNumber(spec.slice(dash + 1));
  if (low < 0 || high < 0) return { ok: false, message: PORT_MESSAGE };
  if (low > high)
    return { ok: false, message: `the range ${spec} is empty: its first port is above its last` };
  return { ok: true, range: [low, high] };
}

export function formatPortRange(range: PortRange): number | string {
  return range[0] === range[1] ? range[0] : `${range[0]}-${range[1]}`;
}
