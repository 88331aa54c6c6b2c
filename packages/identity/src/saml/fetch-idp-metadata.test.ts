import { createServer, type Server } from 'node:http';
import { AppError } from '@parapet/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchIdpMetadata } from './fetch-idp-metadata';

// A loopback server standing in for an IdP's metadata URL: /ok answers XML, /big more than the
// limit, /redirect a redirect to the cloud metadata address (never followed).
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/ok') response.end('<EntityDescriptor entityID="x"/>');
    else if (request.url === '/big') response.end('x'.repeat(1024 * 1024 + 1));
    else if (request.url === '/redirect') {
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
    } else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function refusal(url: string): Promise<string> {
  const error = await fetchIdpMetadata(url).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('INVALID_INPUT');
  return (error as AppError).message;
}

describe('fetchIdpMetadata', () => {
  it('fetches metadata over http from loopback', async () => {
    expect(await fetchIdpMetadata(`${base}/ok`)).toContain('EntityDescriptor');
  });

  it.each([
    ['http://idp.example.com/metadata', /must use https/],
    ['ftp://idp.example.com/metadata', /must use https/],
    ['https://169.254.169.254/latest/meta-data', /link-local, metadata or reserved/],
    ['https://[fe80::1]/metadata', /link-local, metadata or reserved/],
    ['https://[fd00:ec2::254]/metadata', /link-local, metadata or reserved/],
    ['https://0.0.0.0/metadata', /link-local, metadata or reserved/],
    ['https://user:secret@idp.example.com/metadata', /credentials/],
    ['not a url', /metadata URL/],
  ])('refuses %s', async (url, reason) => {
    expect(await refusal(url)).toMatch(reason);
  });

  it('refuses a body over 1 MiB, a redirect and an error status', async () => {
    expect(await refusal(`${base}/big`)).toMatch(/larger than 1 MiB/);
    expect(await refusal(`${base}/redirect`)).toMatch(/answered 302/);
    expect(await refusal(`${base}/missing`)).toMatch(/answered 404/);
  });
});
