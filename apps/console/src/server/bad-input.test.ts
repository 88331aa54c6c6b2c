import { setupSeededTestDatabase } from '@parapet/accounts/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFormInput } from '@/forms/read-form-input';
import { registeredActions, runAction } from './entry-points/entry-points';
import { configureSetupGate } from './setup/setup-gate';
import { entryPointFixtures, testSetupToken } from './testing/entry-point-fixtures';
import { resetInstallation } from './testing/reset-installation';
import { scanEntryPoints } from './testing/scan-entry-points';
import { scimDirectoriesOf } from './testing/scim-fixtures';
import { seedWorld } from './testing/seed-world';

const origin = 'http://localhost:3000';

// Whatever a client puts in a field, the console answers with a refusal it meant to give (an
// AppError: invalid input, not found, forbidden…), never with an unexpected failure. Every
// registered action and route handler gets the same treatment: its valid input with one field
// spoiled at a time, signed in as an owner, signed out, and with an owner's API key where it
// takes one. An INTERNAL result, or an error logged as unexpected, fails the test.
const { actionExports, entryPoints } = await scanEntryPoints();
// Every test starts from the same two organizations, seeded once and cloned for each test.
const { db, world: seededWorld } = setupSeededTestDatabase(seedWorld);

const garbage: [string, unknown][] = [
  ['an empty string', ''],
  ['blanks', '   '],
  ['10,000 characters', 'x'.repeat(10_000)],
  ['a NUL character', 'a\u0000b'],
  ['control characters', '\u0001\u001b[2J\u007f'],
  ['a lone surrogate', 'a\uD800b'],
  ['emoji', '😀'.repeat(300)],
  ['a malformed escape', '%E0%A4%A'],
  ['SQL', "' OR 1=1 --"],
  ['markup', '<script>alert(1)</script>'],
  ['a number beyond int4', '3000000000'],
  ['a negative number', '-1'],
  ['an overflowing exponent', '1e400'],
  ['NaN', 'NaN'],
  ['__proto__', '__proto__'],
  ['constructor', 'constructor'],
  ['an uploaded file', { file: 'evil.txt' }],
  ['null', null],
  ['a number', 42],
  ['a boolean', true],
  ['an array', ['a', 'b']],
  ['an object', { nested: { deeper: 1 } }],
];

const callable = entryPoints.filter((entryPoint) => entryPoint.call);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('bad input to every action and route handler', () => {
  it('covers every entry point that runs our code', () => {
    expect(callable.length).toBeGreaterThanOrEqual(10);
    expect(registeredActions().length).toBe(actionExports.length);
    for (const entryPoint of callable) {
      expect(entryPointFixtures, `no fixture for ${entryPoint.name}`).toHaveProperty([
        entryPoint.name,
      ]);
    }
  });

  it.each(callable.map((entryPoint) => [entryPoint.kind, entryPoint.name, entryPoint] as const))(
    '%s %s refuses spoiled fields without an unexpected failure',
    async (_kind, name, entryPoint) => {
      configureSetupGate({ mode: 'token', token: testSetupToken });
      const unexpected = vi.spyOn(console, 'error').mockImplementation(() => {});
      const fixture = entryPointFixtures[name];
      if (!fixture) throw new Error(`No fixture for ${name}`);
      const world = seededWorld();
      await fixture.prepare?.({ prisma: db(), world });
      if (fixture.emptyInstallation) await resetInstallation(db());
      const valid = fixture.input(world);
      const fields = [...new Set([...Object.keys(valid), 'orgId', 'setupToken', 'unexpected'])];
      // Signed in as an owner, signed out, and with an owner's API key where the route takes one.
      const credentials: { sessionToken?: string; apiKey?: string }[] = [
        { sessionToken: world.a.members.owner.sessionToken },
        {},
        ...(entryPoint.access.kind === 'member' && entryPoint.access.apiKeys
          ? [{ apiKey: world.a.apiKeys.owner.key }]
          : []),
        ...(entryPoint.access.kind === 'directoryToken'
          ? [{ apiKey: scimDirectoriesOf(world).a.token }]
          : []),
      ];
      const seen = new Set<string>();
      for (const field of fields) {
        for (const [label, value] of garbage) {
          for (const { sessionToken, apiKey } of credentials) {
            const outcome = await entryPoint.call?.({
              db: db(),
              request: { sessionToken, apiKey, ip: '192.0.2.10', origin, requestId: 'bad-input' },
              rawInput: { ...valid, [field]: value },
            });
            const code = outcome?.ok ? 'ok' : outcome?.code;
            expect(code, `${name}: ${field} = ${label}`).not.toBe('INTERNAL');
            seen.add(code ?? 'none');
            // First-run setup works once: undo a setup that went through, so the next spoiled
            // input meets an empty installation too.
            if (outcome?.ok && fixture.emptyInstallation) await resetInstallation(db());
          }
        }
      }
      expect(unexpected).not.toHaveBeenCalled();
      // Proof the spoiled inputs reached validation, not just the door. SCIM's DELETE takes
      // nothing but its address, whose validation answers a spoiled id with 404.
      expect([...seen]).toContain(name === 'scim.delete' ? 'NOT_FOUND' : 'INVALID_INPUT');
    },
  );

  it.each(registeredActions().map((definition) => [definition.name, definition] as const))(
    'action %s refuses an argument that is not a form, as invalid input',
    async (_name, definition) => {
      for (const argument of ['text/plain body', 42, null, undefined, ['a'], { email: 'x' }]) {
        const requestId = crypto.randomUUID();
        const { result, effects } = await runAction({
          definition,
          db: db(),
          requestId,
          read: async () => ({
            request: { sessionToken: undefined, ip: '192.0.2.10', origin, requestId },
            rawInput: readFormInput(argument),
          }),
        });
        expect(result).toMatchObject({ status: 'error', code: 'INVALID_INPUT' });
        expect(effects).toEqual({});
      }
    },
  );
});
