import { randomBytes } from 'node:crypto';

/**
 * A lower-case UUIDv7 (RFC 9562) whose 48-bit time is `timeMs`: the edge partitions stored
 * events by that time, so the id carries the decision's time rather than the moment it was
 * stamped. The remaining 74 bits are random, which is what keeps ids unique.
 */
export function uuidV7(timeMs: number, random: Uint8Array = randomBytes(10)): string {
  const bytes = new Uint8Array(16);
  let time = Math.max(0, Math.floor(timeMs));
  for (let index = 5; index >= 0; index--) {
    bytes[index] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes.set(random.subarray(0, 10), 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
