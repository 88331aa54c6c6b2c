const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID; ids of other shapes are simply not found, never a query error. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
