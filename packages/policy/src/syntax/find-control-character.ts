/** True when `text` holds a C0 control character or DEL (NUL, newline, escape…). */
export function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** True when `text` holds whitespace or a control character. */
export function hasSpaceOrControlCharacter(text: string): boolean {
  return hasControlCharacter(text) || /\s/.test(text);
}
