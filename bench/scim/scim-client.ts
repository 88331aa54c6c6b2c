// A SCIM client as an IdP is one: bearer token, application/scim+json, and (fetch's default)
// keep-alive connections.

export type ScimAnswer = { status: number; json: Record<string, unknown> };

export type ScimClient = {
  send: (method: string, path: string, body?: unknown) => Promise<ScimAnswer>;
};

export function createScimClient({
  baseUrl,
  token,
}: {
  baseUrl: string;
  token: string;
}): ScimClient {
  return {
    async send(method, path, body) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/scim+json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/scim+json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      let json: Record<string, unknown> = {};
      try {
        json = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
      } catch {
        json = { text };
      }
      return { status: response.status, json };
    },
  };
}

/** Fails the benchmark with what the server said when a call did not answer as expected. */
export function expectScim(what: string, answer: ScimAnswer, expected: number[]): void {
  if (!expected.includes(answer.status)) {
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.json).slice(0, 1000)}`);
  }
}

export const userSchema = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const groupSchema = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const patchSchema = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** A user as Okta sends one on assignment. */
export function userBody(index: number) {
  const userName = `user${index}@bench.example`;
  return {
    schemas: [userSchema],
    userName,
    externalId: `okta-${index}`,
    name: { givenName: 'Bench', familyName: `User ${index}` },
    emails: [{ value: userName, primary: true, type: 'work' }],
    displayName: `Bench User ${index}`,
    active: true,
  };
}

/** A group membership change as Entra ID sends it (capitalised op, members by value). */
export function addMembersBody(ids: readonly string[], op: 'add' | 'Add' = 'add') {
  return {
    schemas: [patchSchema],
    Operations: [{ op, path: 'members', value: ids.map((value) => ({ value })) }],
  };
}

export function removeMemberBody(id: string, op: 'remove' | 'Remove' = 'remove') {
  return {
    schemas: [patchSchema],
    Operations: [{ op, path: `members[value eq "${id}"]` }],
  };
}
