import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseCliArguments } from './parse-cli-arguments';
import { runCli } from './run-cli';

describe('parapet-policy pull and push: the command line', () => {
  it.each([
    [
      ['pull', 'policy'],
      {
        command: 'pull',
        directory: 'policy',
        server: undefined,
        apiKey: undefined,
        version: undefined,
      },
    ],
    [
      ['pull', 'policy', '--version', '3', '--server=https://parapet.example.com'],
      {
        command: 'pull',
        directory: 'policy',
        server: 'https://parapet.example.com',
        apiKey: undefined,
        version: 3,
      },
    ],
    [
      ['push', 'policy', '--publish', 'from CI', '--key', 'ppk_x'],
      {
        command: 'push',
        directory: 'policy',
        server: undefined,
        apiKey: 'ppk_x',
        publishMessage: 'from CI',
      },
    ],
    [['pull', 'policy', '--version', '0'], { command: 'usage-error' }],
    [['pull', 'policy', '--publish', 'x'], { command: 'usage-error' }],
    [['push'], { command: 'usage-error' }],
    [['check', 'policy', '--server', 'https://x'], { command: 'usage-error' }],
    [['eval', 'policy', '-', '--groups=a,b'], { command: 'eval', groups: ['a', 'b'] }],
  ])('%j', (argv, expected) => {
    expect(parseCliArguments(argv)).toMatchObject(expected);
  });

  it('says where the server and key come from when neither flag nor environment gives them', async () => {
    const stderr = new PassThrough();
    let text = '';
    stderr.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr };
    expect(await runCli({ argv: ['pull', 'policy'], io, env: {} })).toBe(2);
    expect(text).toContain('PARAPET_URL');
    text = '';
    const env = { PARAPET_URL: 'http://127.0.0.1:1' };
    expect(await runCli({ argv: ['push', 'policy'], io, env })).toBe(2);
    expect(text).toContain('PARAPET_API_KEY');
  });
});
