import { BundleFormatError, maxJsonDepth } from './bundle-format-error';

/**
 * JSON.parse, except that an object repeating a member name is refused (`duplicate_keys`):
 * parsers disagree on which duplicate wins, so a signer and a verifier could read two different
 * documents from the same signed bytes. Names are compared after unescaping. Anything JSON.parse
 * refuses, and nesting deeper than {@link maxJsonDepth}, is `malformed`.
 */
export function parseStrictJson(text: string): unknown {
  const scanner = new Scanner(text);
  scanner.skipWhitespace();
  const value = scanner.readValue(0);
  scanner.skipWhitespace();
  if (scanner.position < text.length) scanner.fail('unexpected text after the JSON value');
  return value;
}

const escapes: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

const numberPattern = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const hex4 = /^[0-9a-fA-F]{4}$/;

/** A UTF-16 unit a string holds as itself: not a quote, a backslash or a control character. */
function isPlainStringUnit(unit: number): boolean {
  // charCodeAt past the end is NaN, which fails every comparison and so ends the run.
  return unit >= 0x20 && unit !== 0x22 && unit !== 0x5c;
}

class Scanner {
  position = 0;

  constructor(private readonly text: string) {}

  fail(problem: string): never {
    throw new BundleFormatError('malformed', `Not JSON at offset ${this.position}: ${problem}`);
  }

  skipWhitespace() {
    for (;;) {
      const char = this.text[this.position];
      if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r') return;
      this.position += 1;
    }
  }

  readValue(depth: number): unknown {
    if (depth > maxJsonDepth) this.fail(`nested deeper than ${maxJsonDepth} levels`);
    const char = this.text[this.position];
    if (char === '{') return this.readObject(depth);
    if (char === '[') return this.readArray(depth);
    if (char === '"') return this.readString();
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9'))
      return this.readNumber();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.position)) {
        this.position += word.length;
        return value;
      }
    }
    return this.fail(char === undefined ? 'unexpected end' : `unexpected ${JSON.stringify(char)}`);
  }

  private readObject(depth: number): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    const names = new Set<string>();
    this.position += 1;
    this.skipWhitespace();
    if (this.text[this.position] === '}') {
      this.position += 1;
      return object;
    }
    for (;;) {
      if (this.text[this.position] !== '"') this.fail('expected a member name');
      const namePosition = this.position;
      const name = this.readString();
      if (names.has(name))
        throw new BundleFormatError(
          'duplicate_keys',
          `Member name ${JSON.stringify(name)} repeats at offset ${namePosition}`,
        );
      names.add(name);
      this.skipWhitespace();
      this.expect(':');
      this.skipWhitespace();
      // defineProperty, not assignment: a member named "__proto__" is data, as with JSON.parse.
      Object.defineProperty(object, name, {
        value: this.readValue(depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.skipWhitespace();
      if (this.text[this.position] === '}') {
        this.position += 1;
        return object;
      }
      this.expect(',');
      this.skipWhitespace();
    }
  }

  private readArray(depth: number): unknown[] {
    const array: unknown[] = [];
    this.position += 1;
    this.skipWhitespace();
    if (this.text[this.position] === ']') {
      this.position += 1;
      return array;
    }
    for (;;) {
      array.push(this.readValue(depth + 1));
      this.skipWhitespace();
      if (this.text[this.position] === ']') {
        this.position += 1;
        return array;
      }
      this.expect(',');
      this.skipWhitespace();
    }
  }

  private readString(): string {
    this.position += 1;
    let result = '';
    for (;;) {
      const start = this.position;
      while (isPlainStringUnit(this.text.charCodeAt(this.position))) this.position += 1;
      result += this.text.slice(start, this.position);
      const char = this.text[this.position];
      if (char === '"') {
        this.position += 1;
        return result;
      }
      if (char !== '\\')
        this.fail(char === undefined ? 'unterminated string' : 'control character in a string');
      const escaped = this.text[this.position + 1];
      if (escaped === 'u') {
        const digits = this.text.slice(this.position + 2, this.position + 6);
        if (!hex4.test(digits)) this.fail('bad \\u escape');
        result += String.fromCharCode(Number.parseInt(digits, 16));
        this.position += 6;
      } else {
        const unescaped = escaped === undefined ? undefined : escapes[escaped];
        if (unescaped === undefined) this.fail('bad escape');
        result += unescaped;
        this.position += 2;
      }
    }
  }

  private readNumber(): number {
    numberPattern.lastIndex = this.position;
    const match = numberPattern.exec(this.text);
    if (match === null || match[0] === '-') this.fail('bad number');
    this.position = numberPattern.lastIndex;
    return Number(match[0]);
  }

  private expect(char: string) {
    if (this.text[this.position] !== char) this.fail(`expected ${JSON.stringify(char)}`);
    this.position += 1;
  }
}
