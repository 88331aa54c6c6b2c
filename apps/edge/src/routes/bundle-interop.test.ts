import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { rotateSigningKey } from '@parapet/distribution';
import { describe, expect, it } from 'vitest';
import {
  createTestEnrollmentToken,
  enrollTestDevice,
  setupEdgeTest,
} from '../testing/edge-test-kit';

// What the edge serves is verifiable without Parapet's code: a served bundle and the org's
// published key set checked with Node's own crypto (no jose, no @parapet/bundle), and with
// Python's `cryptography`, as a customer's tooling or an auditor would.

const world = setupEdgeTest();

type GeneralJws = { payload: string; signatures: { protected: string; signature: string }[] };
type Jwk = { kty: string; crv: string; x: string; kid: string };

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

async function fetchServed(url: string, accessToken: string) {
  const headers = { authorization: `Bearer ${accessToken}` };
  const bundleResponse = await fetch(`${url}/v1/bundle`, { headers });
  expect(bundleResponse.status).toBe(200);
  const bytes = Buffer.from(await bundleResponse.arrayBuffer());
  const keysResponse = await fetch(`${url}/v1/keys`, { headers });
  expect(keysResponse.status).toBe(200);
  const { keySets } = (await keysResponse.json()) as { keySets: string[] };
  const latest = JSON.parse(keySets.at(-1) ?? 'null') as GeneralJws;
  const keys = (decode(latest.payload) as { keys: Jwk[] }).keys;
  return { bytes, etag: bundleResponse.headers.get('etag'), keySets, keys };
}

/** Node's crypto alone: Ed25519 over `protected.payload`, the JWS signing input (RFC 7515 §5.2). */
function verifyWithNode(document: GeneralJws, keys: Jwk[]): string[] {
  return document.signatures.map((entry) => {
    const header = decode(entry.protected) as { alg: string; kid: string };
    expect(header.alg).toBe('EdDSA');
    const jwk = keys.find((key) => key.kid === header.kid);
    if (!jwk) throw new Error(`No published key ${header.kid}`);
    const publicKey = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
      format: 'jwk',
    });
    const ok = verify(
      null,
      Buffer.from(`${entry.protected}.${document.payload}`),
      publicKey,
      Buffer.from(entry.signature, 'base64url'),
    );
    return ok ? header.kid : `INVALID ${header.kid}`;
  });
}

const pythonVerifier = `
import base64, json, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
doc = json.loads(sys.argv[1]); keys = {k["kid"]: k for k in json.loads(sys.argv[2])}
b = lambda s: base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
for sig in doc["signatures"]:
    kid = json.loads(b(sig["protected"]))["kid"]
    Ed25519PublicKey.from_public_bytes(b(keys[kid]["x"])).verify(
        b(sig["signature"]), (sig["protected"] + "." + doc["payload"]).encode())
print("verified", len(doc["signatures"]))
`;
const hasPython =
  spawnSync('python3', ['-c', 'import cryptography'], { stdio: 'ignore' }).status === 0;

describe('a served bundle, verified by other implementations', () => {
  it('verifies with Node crypto and the published key set, and its ETag is the hash of its bytes', async () => {
    const w = world();
    const device = await enrollTestDevice(w.edge.url, await createTestEnrollmentToken(w));
    const served = await fetchServed(w.edge.url, device.accessToken);
    const document = JSON.parse(served.bytes.toString('utf8')) as GeneralJws;
    expect(verifyWithNode(document, served.keys)).toEqual(served.keys.map((key) => key.kid));
    expect(served.etag).toBe(`"${createHash('sha256').update(served.bytes).digest('base64url')}"`);
    const claims = decode(document.payload) as { org: string; ver: number };
    expect(claims.org).toBe(w.org.orgId);

    // The published key set is itself signed by its key, checkable the same way.
    const keySet = JSON.parse(served.keySets[0] ?? 'null') as GeneralJws;
    expect(verifyWithNode(keySet, served.keys)).toEqual(served.keys.map((key) => key.kid));

    // Negative control: one changed payload byte and Node refuses the signature.
    const payload = Buffer.from(document.payload, 'base64url');
    const at = payload.length - 2;
    payload[at] = (payload[at] ?? 0) ^ 1;
    const tampered = { ...document, payload: payload.toString('base64url') };
    expect(verifyWithNode(tampered, served.keys)[0]).toMatch(/^INVALID /);
  });

  it('carries a signature by each key during a rotation, each verifiable with Node crypto', async () => {
    const w = world();
    const device = await enrollTestDevice(w.edge.url, await createTestEnrollmentToken(w));
    await rotateSigningKey({ db: w.db, actor: w.org.owner.actor });
    await expect
      .poll(async () => {
        const served = await fetchServed(w.edge.url, device.accessToken);
        return (JSON.parse(served.bytes.toString('utf8')) as GeneralJws).signatures.length;
      })
      .toBe(2);
    const served = await fetchServed(w.edge.url, device.accessToken);
    const document = JSON.parse(served.bytes.toString('utf8')) as GeneralJws;
    expect(served.keys).toHaveLength(2);
    expect(verifyWithNode(document, served.keys).sort()).toEqual(
      served.keys.map((key) => key.kid).sort(),
    );
  });

  it.skipIf(!hasPython)('verifies with Python’s cryptography package', async () => {
    const w = world();
    const device = await enrollTestDevice(w.edge.url, await createTestEnrollmentToken(w));
    const served = await fetchServed(w.edge.url, device.accessToken);
    const run = spawnSync(
      'python3',
      ['-c', pythonVerifier, served.bytes.toString('utf8'), JSON.stringify(served.keys)],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('verified 1');
    const document = JSON.parse(served.bytes.toString('utf8')) as GeneralJws;
    const forged = { ...document, payload: Buffer.from('{"ver":999}').toString('base64url') };
    const refused = spawnSync(
      'python3',
      ['-c', pythonVerifier, JSON.stringify(forged), JSON.stringify(served.keys)],
      { encoding: 'utf8' },
    );
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('InvalidSignature');
  });
});
