import { seedOrg } from '@parapet/accounts/testing';
import type { PrismaClient } from '@parapet/db';
import { createDirectory } from '../directories/create-directory';
import { handleScimRequest } from '../scim/handle-scim-request';

export type ScimAnswer = {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
};

export type ScimTestClient = {
  directoryId: string;
  token: string;
  send: (
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<ScimAnswer>;
};

export const scimTestOrigin = 'https://parapet.example.com';

/**
 * A SCIM client of one directory that calls the server's request handler in-process, the way
 * the console's route hands it requests: the path is below `/scim/v2/<directory>`, the body
 * JSON unless a string is given, the token the directory's own unless an Authorization header
 * says otherwise.
 */
export function scimTestClient({
  db,
  directoryId,
  token,
}: {
  db: () => PrismaClient;
  directoryId: string;
  token: string;
}): ScimTestClient {
  return {
    directoryId,
    token,
    async send(method, path, body, headers = {}) {
      const url = new URL(`${scimTestOrigin}/scim/v2/${directoryId}${path}`);
      const lower = Object.fromEntries(
        Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]),
      );
      const text =
        body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
      const answer = await handleScimRequest({
        db: db(),
        method,
        directoryId,
        segments: url.pathname
          .split('/')
          .slice(4)
          .filter((s) => s !== '')
          .map(decodeURIComponent),
        query: url.searchParams,
        authorization: lower.authorization ?? `Bearer ${token}`,
        contentType: lower['content-type'] ?? (text === null ? null : 'application/scim+json'),
        ifMatch: lower['if-match'] ?? null,
        ifNoneMatch: lower['if-none-match'] ?? null,
        body: text,
        origin: scimTestOrigin,
      });
      return {
        status: answer.status,
        headers: answer.headers,
        body: answer.body ? (JSON.parse(answer.body) as Record<string, unknown>) : {},
      };
    },
  };
}

/** A seeded org with one directory connection and a client for it. */
export async function seedScimDirectory({
  db,
  name = 'Okta',
}: {
  db: () => PrismaClient;
  name?: string;
}) {
  const org = await seedOrg({ prisma: db() });
  const directory = await createDirectory({
    db: db(),
    actor: org.owner.actor,
    input: { name },
    origin: scimTestOrigin,
  });
  return {
    org,
    directory,
    client: scimTestClient({ db, directoryId: directory.id, token: directory.token }),
  };
}
