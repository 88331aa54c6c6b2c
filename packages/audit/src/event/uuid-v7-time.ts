/** The millisecond timestamp a UUIDv7 begins with (its first 48 bits). */
export function uuidV7Time(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
