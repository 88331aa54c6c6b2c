// RFC 7644's filter grammar has no `attr[filter].sub op value`, but identity providers and
// checkers send `emails[type eq "work"].value eq "a@x"` meaning "an email that is of type
// work AND has this value". scim2-parse-filter reads it as two independent conditions (any work
// email, and any email with that value), which can match a user with a different work email.
// This rewrites it to the exact form `emails[type eq "work" and value eq "a@x"]` first.

const subAttributeComparison =
  /^\.\s*([A-Za-z_$][\w$-]*)\s+(?:(pr)\b|(eq|ne|co|sw|ew|gt|lt|ge|le)\s+("(?:[^"\\]|\\.)*"|[^\s()[\]]+))/i;

/** Index of the first `].` outside a quoted string, or -1. */
function findSubAttributeAfterBracket(filter: string): number {
  let quoted = false;
  for (let index = 0; index < filter.length; index += 1) {
    const char = filter[index];
    if (quoted && char === '\\') index += 1;
    else if (char === '"') quoted = !quoted;
    else if (!quoted && char === ']' && filter[index + 1] === '.') return index;
  }
  return -1;
}

/** Index of the `[` that opens the bracket closing at `close`, outside quoted strings. */
function findOpeningBracket(filter: string, close: number): number {
  let quoted = false;
  let open = -1;
  for (let index = 0; index < close; index += 1) {
    const char = filter[index];
    if (quoted && char === '\\') index += 1;
    else if (char === '"') quoted = !quoted;
    else if (!quoted && char === '[') open = index;
  }
  return open;
}

/** Rewrites every `attr[f].sub op value` in `filter`; text it cannot read is left as is. */
export function rewriteValuePathFilter(filter: string): string {
  let text = filter;
  for (let guard = 0; guard < 50; guard += 1) {
    const close = findSubAttributeAfterBracket(text);
    if (close < 0) return text;
    const open = findOpeningBracket(text, close);
    const match = subAttributeComparison.exec(text.slice(close + 1));
    if (open < 0 || !match) return text;
    const [whole, subAttribute, present, operator, value] = match;
    const comparison = present ? `${subAttribute} pr` : `${subAttribute} ${operator} ${value}`;
    const inner = text.slice(open + 1, close);
    text = `${text.slice(0, open)}[(${inner}) and ${comparison}]${text.slice(close + 1 + whole.length)}`;
  }
  return text;
}
