import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export type StartSamlIdpOptions = {
  /** Where the IdP posts its responses, unless the AuthnRequest names one (see below). */
  acsUrl: string;
  /** The audience it puts in every assertion: the SP entity id. */
  audience: string;
  issuer?: string;
  /** Ignore the ACS URL of the AuthnRequest, so recipient and destination are `acsUrl`. */
  disableRequestAcsUrl?: boolean;
};

export type SamlTestUser = {
  email: string;
  firstName?: string;
  lastName?: string;
  groups?: string[];
};

export type SamlIdpAnswer = { acsUrl: string; samlResponse: string; relayState: string };

export type StartedSamlIdp = {
  url: string;
  metadataUrl: string;
  issuer: string;
  metadataXml: () => Promise<string>;
  /** Plays the person at the IdP: opens the SSO URL, submits the user form, returns the answer. */
  signIn: (input: { redirectUrl: string; user: SamlTestUser }) => Promise<SamlIdpAnswer>;
  stop: () => Promise<void>;
};

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/**
 * The real `saml-idp` (an Express IdP built on samlp) in a child process on a free loopback port,
 * with a key and certificate generated for it by openssl, and an attribute config holding email,
 * names and a multi-valued `groups`.
 */
export async function startSamlIdp(options: StartSamlIdpOptions): Promise<StartedSamlIdp> {
  const folder = await mkdtemp(path.join(tmpdir(), 'parapet-saml-idp-'));
  const key = path.join(folder, 'idp-key.pem');
  const cert = path.join(folder, 'idp-cert.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-new',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=Parapet Test IdP',
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  const configFile = path.join(folder, 'config.cjs');
  await writeFile(configFile, idpConfig);
  const port = await freePort();
  const issuer = options.issuer ?? `urn:parapet:test-idp:${port}`;
  const args = [
    require.resolve('saml-idp'),
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--cert',
    cert,
    '--key',
    key,
    '--issuer',
    issuer,
    '--acsUrl',
    options.acsUrl,
    '--audience',
    options.audience,
    '--configFile',
    configFile,
    ...(options.disableRequestAcsUrl ? ['--disableRequestAcsUrl', 'true'] : []),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilServing(`${url}/metadata`, child, () => stderr);
  return {
    url,
    metadataUrl: `${url}/metadata`,
    issuer,
    metadataXml: async () => (await fetch(`${url}/metadata`)).text(),
    signIn: (input) => signInAtIdp(url, input),
    stop: async () => {
      child.kill();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

async function signInAtIdp(
  url: string,
  { redirectUrl, user }: { redirectUrl: string; user: SamlTestUser },
): Promise<SamlIdpAnswer> {
  const page = await (await fetch(redirectUrl)).text();
  const authnRequest = /name="_authnRequest" type='hidden' value='([^']*)'/.exec(page)?.[1];
  if (!authnRequest) throw new Error(`saml-idp showed no AuthnRequest: ${page.slice(0, 300)}`);
  const form = new URLSearchParams({
    userName: user.email,
    nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    email: user.email,
    firstName: user.firstName ?? 'Test',
    lastName: user.lastName ?? 'Person',
    groups: (user.groups ?? []).join(','),
    _authnRequest: unescapeHtml(authnRequest),
  });
  const answer = await (await fetch(`${url}/signin`, { method: 'POST', body: form })).text();
  const field = (name: string) =>
    unescapeHtml(new RegExp(`name="${name}"\\s+value="([^"]*)"`).exec(answer)?.[1] ?? '');
  const acsUrl = unescapeHtml(/action="([^"]*)"/.exec(answer)?.[1] ?? '');
  const samlResponse = field('SAMLResponse');
  if (!samlResponse) throw new Error(`saml-idp answered no SAMLResponse: ${answer.slice(0, 300)}`);
  return { acsUrl, samlResponse, relayState: field('RelayState') };
}

function unescapeHtml(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCharCode(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitUntilServing(url: string, child: ChildProcess, stderr: () => string) {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`saml-idp exited: ${stderr()}`);
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(`saml-idp did not start: ${stderr()}`);
}

const idpConfig = `module.exports = {
  user: {
    userName: 'someone@example.com',
    nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    firstName: 'Test', lastName: 'Person', email: 'someone@example.com', groups: '',
  },
  metadata: [
    { id: 'firstName', optional: false, displayName: 'First Name', description: '', multiValue: false },
    { id: 'lastName', optional: false, displayName: 'Last Name', description: '', multiValue: false },
    { id: 'email', optional: false, displayName: 'E-Mail Address', description: '', multiValue: false },
    { id: 'groups', optional: true, displayName: 'Groups', description: '', multiValue: true },
  ],
};
`;
