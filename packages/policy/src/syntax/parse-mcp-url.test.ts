import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMcpUrl, parseMcpUrl, parseSimpleMcpUrl } from './parse-mcp-url';

function show(text: string): string {
  const result = parseMcpUrl(text);
  return result.ok ? formatMcpUrl(result.url) : 'invalid';
}

describe('parseMcpUrl', () => {
  it.each([
    ['https://api.example.com/mcp/', 'https://api.example.com:443/mcp'],
    ['HTTPS://API.Example.COM:443//mcp//', 'https://api.example.com:443/mcp'],
    ['http://a.test', 'http://a.test:80/'],
    ['ws://a.test/x', 'ws://a.test:80/x'],
    ['wss://a.test:8443/x?y#z', 'wss://a.test:8443/x'],
    ['https://a.test/a/./b/../c', 'https://a.test:443/a/c'],
    ['https://a.test/a/%2e%2e/c', 'https://a.test:443/c'],
    ['https://a.test/%6Dcp', 'https://a.test:443/mcp'],
    ['https://a.test/a%2fb', 'invalid'],
    ['https://a.test\\mcp', 'https://a.test:443/mcp'],
    ['https://[::1]:8080/mcp', 'https://[::1]:8080/mcp'],
    ['http://127.1:3000/', 'http://127.0.0.1:3000/'],
    ['https://user@a.test/', 'invalid'],
    ['https://a.test@evil.test/', 'invalid'],
    ['ftp://a.test/', 'invalid'],
    ['file:///etc/passwd', 'invalid'],
    ['a.test/mcp', 'invalid'],
    ['https://bücher.example/mcp', 'https://xn--bcher-kva.example:443/mcp'],
  ])('%s → %s', (text, expected) => {
    expect(show(text)).toBe(expected);
  });

  it('takes the fast path only where the WHATWG parser agrees', () => {
    const part = (chars: string) =>
      fc.string({ unit: fc.constantFrom(...chars.split('')), maxLength: 12 });
    const url = fc
      .tuple(
        fc.constantFrom('http', 'https', 'ws', 'wss', 'HTTP', 'ftp'),
        part('abcXY09-._'),
        fc.option(fc.constantFrom(':0', ':80', ':443', ':8080', ':65536', ':0080'), { nil: '' }),
        part('abc/._%*~:@!$'),
        fc.option(fc.constantFrom('?q=1', '#f', '?a#b'), { nil: '' }),
      )
      .map(([scheme, host, port, path, tail]) => `${scheme}://${host}${port}/${path}${tail}`);
    fc.assert(
      fc.property(url, (text) => {
        const fast = parseSimpleMcpUrl(text);
        if (fast === null) return;
        let slow: URL | null = null;
        try {
          slow = new URL(text);
        } catch {
          slow = null;
        }
        expect(slow).not.toBeNull();
        const segments = (slow?.pathname ?? '').split('/').filter((segment) => segment !== '');
        const port =
          slow?.port || (slow?.protocol === 'https:' || slow?.protocol === 'wss:' ? '443' : '80');
        expect(fast).toEqual({ origin: `${slow?.protocol}//${slow?.hostname}:${port}`, segments });
      }),
      { numRuns: 5000 },
    );
  });
});
