/**
 * True when some object in `text`, which must already be valid JSON, repeats a key.
 * `JSON.parse` silently keeps the last of two keys; a policy with two `action`s must be refused
 * instead, as YAML parsing refuses it.
 */
export function hasDuplicateJsonKey(text: string): boolean {
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 34) {
      let end = index + 1;
      let escaped = false;
      for (; end < text.length; end++) {
        const inner = text.charCodeAt(end);
        if (inner === 92) {
          escaped = true;
          end++;
        } else if (inner === 34) {
          break;
        }
      }
      const keys = stack[stack.length - 1];
      if (expectKey && keys) {
        const raw = text.slice(index, end + 1);
        const key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        if (keys.has(key)) return true;
        keys.add(key);
        expectKey = false;
      }
      index = end;
    } else if (code === 123) {
      stack.push(new Set());
      expectKey = true;
    } else if (code === 91) {
      stack.push(null);
      expectKey = false;
    } else if (code === 125 || code === 93) {
      stack.pop();
      expectKey = false;
    } else if (code === 44) {
      expectKey = stack[stack.length - 1] != null;
    }
  }
  return false;
}
