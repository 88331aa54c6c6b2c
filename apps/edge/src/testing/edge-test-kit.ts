import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { type SeededOrg, seedOrg } from '@parapet/accounts/testing';
import { type TrustState, trustFromEnrollment, verifyBundle } from '@parapet/bundle';
import type { PrismaClient } from '@parapet/db';
import { createTestDatabase, type TestDatabase } from '@parapet/db/testing';
import { createEnrollmentToken } from '@parapet/distribution';
import { publishPolicy, savePolicyDraft } from '@parapet/policy-admin';
import { afterEach, beforeEach, expect } from 'vitest';
import { type EdgeServer, type StartEdgeServerOptions, startEdgeServer } from '../index';

export const testIssuer = 'https://parapet.example.test';

export type EdgeTestWorld = {
  db: PrismaClient;
  databaseUrl: string;
  org: SeededOrg;
  edge: EdgeServer;
  /** Starts another edge on the same database (a replica), closed after the test. */
  startReplica: (options?: Partial<StartEdgeServerOptions>) => Promise<EdgeServer>;
};

/**
 * A fresh database with one organization (owner, admin, auditor) and a real edge server on
 * 127.0.0.1:0 for every test of the calling file; everything is closed and dropped afterwards.
 */
export function setupEdgeTest(options: Partial<StartEdgeServerOptions> = {}): () => EdgeTestWorld {
  let database: TestDatabase | undefined;
  let world: EdgeTestWorld | undefined;
  const servers: EdgeServer[] = [];
  const start = async (databaseUrl: string, overrides: Partial<StartEdgeServerOptions>) => {
    const server = await startEdgeServer({
      host: '127.0.0.1',
      port: 0,
      databaseUrl,
      issuer: testIssuer,
      logger: { level: 'error' },
      ...options,
      ...overrides,
    });
    servers.push(server);
    return server;
  };
  beforeEach(async () => {
    database = await createTestDatabase();
    const { databaseUrl, prisma } = database;
    const org = await seedOrg({ prisma });
    const edge = await start(databaseUrl, { prisma });
    world = {
      db: prisma,
      databaseUrl,
      org,
      edge,
      startReplica: (overrides = {}) => start(databaseUrl, overrides),
    };
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await database?.drop();
    database = undefined;
    world = undefined;
  });
  return () => {
    if (!world) throw new Error('setupEdgeTest: no world outside a test.');
    return world;
  };
}

/** An enrollment token of the world's org, made by its owner through the domain function. */
export async function createTestEnrollmentToken(
  world: EdgeTestWorld,
  input: { person?: string; groups?: string[]; reusable?: boolean } = {},
): Promise<string> {
  const created = await createEnrollmentToken({
    db: world.db,
    actor: world.org.owner.actor,
    input: { reusable: true, ...input },
  });
  return created.token;
}

export type EnrolledTestDevice = {
  id: string;
  accessToken: string;
  privateKey: KeyObject;
  trust: TrustState;
};

/** Enrolls a fresh Ed25519 key over HTTP, as an agent does, and checks the answer's shape. */
export async function enrollTestDevice(
  url: string,
  token: string,
  hostname = 'laptop-1',
): Promise<EnrolledTestDevice> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const { x } = publicKey.export({ format: 'jwk' });
  const response = await postJson(`${url}/v1/enroll`, {
    token,
    publicKey: { kty: 'OKP', crv: 'Ed25519', x },
    device: { hostname, os: 'linux', agentVersion: '0.1.0' },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  const body = (await response.json()) as {
    device: string;
    org: string;
    issuer: string;
    keySets: string[];
    accessToken: string;
  };
  const trust = await trustFromEnrollment({
    org: body.org,
    iss: body.issuer,
    keySets: body.keySets,
    now: new Date(),
  });
  if (!trust.ok)
    throw new Error(`the enrollment's key sets do not verify: ${trust.refusal.message}`);
  return { id: body.device, accessToken: body.accessToken, privateKey, trust: trust.trust };
}

/** A new access token through POST /v1/auth/challenge and /v1/auth/token. */
export async function signInTestDevice(url: string, device: EnrolledTestDevice): Promise<Response> {
  const issued = await postJson(`${url}/v1/auth/challenge`, { device: device.id });
  expect(issued.status).toBe(200);
  const { challenge } = (await issued.json()) as { challenge: string };
  const signature = sign(null, Buffer.from(challenge, 'utf8'), device.privateKey).toString(
    'base64url',
  );
  return postJson(`${url}/v1/auth/token`, { device: device.id, challenge, signature });
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

export function getBundle(
  url: string,
  device: { accessToken: string },
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(`${url}/v1/bundle`, {
    headers: { authorization: `Bearer ${device.accessToken}`, ...headers },
    ...(signal ? { signal } : {}),
  });
}

/** Verifies a served bundle as an endpoint would; returns its claims. */
export async function verifyServedBundle(device: EnrolledTestDevice, text: string) {
  const verified = await verifyBundle(text, device.trust, new Date());
  if (!verified.ok) throw new Error(`the bundle does not verify: ${verified.refusal.message}`);
  return verified.claims;
}

/** Saves these documents as drafts and publishes them (the same path as the console). */
export async function publishTestPolicy(
  world: EdgeTestWorld,
  documents: Record<string, string>,
  message = 'For edge tests',
): Promise<number> {
  for (const [layer, source] of Object.entries(documents)) {
    await savePolicyDraft({ db: world.db, actor: world.org.owner.actor, input: { layer, source } });
  }
  const { version } = await publishPolicy({
    db: world.db,
    actor: world.org.owner.actor,
    input: { message },
  });
  return version;
}

/** A network rule allowing `host`, as a policy document. */
export function allowHost(id: string, host: string): string {
  return `network:\n  rules:\n    - id: ${id}\n      action: allow\n      hosts: [${host}]\n`;
}

/** The value of one sample of the Prometheus text, or undefined. */
export async function readMetric(url: string, sample: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  for (const line of text.split('\n')) {
    if (line.startsWith(`${sample} `)) return Number(line.slice(sample.length + 1));
  }
  return undefined;
}
