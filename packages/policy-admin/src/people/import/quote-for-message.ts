// Characters that would change how a message reads while showing nothing themselves (the same
// classes the human-name rule refuses), written as escapes instead when a message quotes input.
const invisible =
  /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Bidi_Control}\p{Default_Ignorable_Code_Point}]/gu;

/**
 * Quotes a piece of uploaded text for an error message: in double quotes, invisible and
 * direction-changing characters escaped as `\u{202E}`, and cut at 60 characters so one huge
 * field cannot fill the report.
 */
export function quoteForMessage(text: string): string {
  const characters = Array.from(text);
  const shown = characters.length > 60 ? `${characters.slice(0, 60).join('')}…` : text;
  const escaped = shown
    .replace(/["\\]/g, (character) => `\\${character}`)
    .replace(invisible, (character) => {
      const hex = (character.codePointAt(0) ?? 0).toString(16).toUpperCase();
      return `\\u{${hex}}`;
    });
  return `"${escaped}"`;
}
