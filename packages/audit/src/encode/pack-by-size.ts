export type SizedItem = { text: string; bytes: number };

export type PackLimits = {
  /** The largest body allowed, in bytes. */
  maxBytes: number;
  maxCount?: number;
  /** Bytes between two items (1 for ',' or '\n', 0 for items that end in their own newline). */
  separatorBytes: number;
  /** Bytes around the items ('[' and ']' are 2). */
  envelopeBytes: number;
};

/**
 * Splits items, in order, into consecutive groups that each fit the limits. Nothing is dropped
 * or reordered: an item too large to fit even alone gets a group of its own, and the receiver's
 * answer to it is reported like any other (encoders shrink such items first where they can).
 */
export function packBySize<T extends SizedItem>(items: readonly T[], limits: PackLimits): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let currentBytes = limits.envelopeBytes;
  for (const item of items) {
    const added = current.length === 0 ? item.bytes : limits.separatorBytes + item.bytes;
    const fullByCount = limits.maxCount !== undefined && current.length >= limits.maxCount;
    if (current.length > 0 && (fullByCount || currentBytes + added > limits.maxBytes)) {
      groups.push(current);
      current = [];
      currentBytes = limits.envelopeBytes;
    }
    currentBytes += current.length === 0 ? item.bytes : limits.separatorBytes + item.bytes;
    current.push(item);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

export function utf8ByteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Serialises a value and measures it, for packBySize. */
export function sized(text: string): SizedItem {
  return { text, bytes: utf8ByteLength(text) };
}
