import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DbError } from '../db-error';
import { clearConfiguredMasterKey, configureMasterKey } from '../master-key/configure-master-key';
import { TEST_MASTER_KEY } from '../testing/test-master-key';
import { openSecret, sealSecret } from './seal-secret';

const orgId = randomUUID();
const purpose = 'signing-key';
const plaintext = Buffer.from('the private key, as bytes');

beforeEach(() => configureMasterKey({ key: TEST_MASTER_KEY }));
afterEach(() => configureMasterKey({ key: TEST_MASTER_KEY }));

function refusal(open: () => unknown): DbError {
  try {
    open();
  } catch (error) {
    expect(error).toBeInstanceOf(DbError);
    return error as DbError;
  }
  throw new Error('expected the sealed secret to be refused');
}

describe('sealSecret / openSecret', () => {
  it('opens what it sealed, for the same purpose and organization', () => {
    const sealed = sealSecret({ plaintext, purpose, orgId });
    expect(openSecret({ sealed, purpose, orgId })).toEqual(plaintext);
  });

  it('writes the format version, a 12-byte IV, the ciphertext and a 16-byte tag', () => {
    const sealed = sealSecret({ plaintext, purpose, orgId });
    expect(sealed[0]).toBe(1);
    expect(sealed.length).toBe(1 + 12 + plaintext.length + 16);
    expect(sealed.includes(plaintext)).toBe(false);
  });

  it('uses a fresh IV every time, so the same secret never seals to the same bytes', () => {
    const first = sealSecret({ plaintext, purpose, orgId });
    const second = sealSecret({ plaintext, purpose, orgId });
    expect(first.equals(second)).toBe(false);
    expect(first.subarray(1, 13).equals(second.subarray(1, 13))).toBe(false);
  });

  it('seals an empty secret too', () => {
    const sealed = sealSecret({ plaintext: Buffer.alloc(0), purpose, orgId });
    expect(openSecret({ sealed, purpose, orgId })).toEqual(Buffer.alloc(0));
  });

  it.each([
    ['the version byte', 0],
    ['an IV byte', 5],
    ['a ciphertext byte', 14],
    ['a tag byte', -1],
  ])('refuses a sealed secret with %s flipped', (_what, index) => {
    const sealed = sealSecret({ plaintext, purpose, orgId });
    const at = index < 0 ? sealed.length + index : index;
    sealed[at] = (sealed[at] as number) ^ 0x01;
    expect(refusal(() => openSecret({ sealed, purpose, orgId })).code).toBe('SECRET_UNREADABLE');
  });

  it('refuses a truncated or empty value', () => {
    const sealed = sealSecret({ plaintext, purpose, orgId });
    for (const cut of [
      sealed.subarray(0, sealed.length - 1),
      sealed.subarray(0, 20),
      Buffer.alloc(0),
    ]) {
      expect(refusal(() => openSecret({ sealed: cut, purpose, orgId })).code).toBe(
        'SECRET_UNREADABLE',
      );
    }
  });

  it("refuses another organization's sealed value (the AAD binds the org)", () => {
    const sealed = sealSecret({ plaintext, purpose, orgId });
    expect(refusal(() => openSecret({ sealed, purpose, orgId: randomUUID() })).code).toBe(
      'SECRET_UNREADABLE',
    );
  });

  it('refuses a value sealed for another purpose', () => {
    const sealed = sealSecret({ plaintext, purpose: 'siem-token', orgId });
    expect(refusal(() => openSecret({ sealed, purpose, orgId })).code).toBe('SECRET_UNREADABLE');
  });

  it('refuses a value sealed under another master key', () => {
    const sealed = sealSecret({ plaintext, purpose, orgId });
    configureMasterKey({ key: randomBytes(32) });
    expect(refusal(() => openSecret({ sealed, purpose, orgId })).code).toBe('SECRET_UNREADABLE');
  });

  it('never seals without a master key', () => {
    clearConfiguredMasterKey();
    const saved = process.env.PARAPET_MASTER_KEY;
    delete process.env.PARAPET_MASTER_KEY;
    try {
      expect(refusal(() => sealSecret({ plaintext, purpose, orgId })).code).toBe(
        'MASTER_KEY_MISSING',
      );
    } finally {
      if (saved !== undefined) process.env.PARAPET_MASTER_KEY = saved;
    }
  });

  it('refuses a purpose that could blur the key derivation or the AAD', () => {
    for (const bad of ['', 'Signing', 'a\0b', 'a b', 'x'.repeat(64)]) {
      expect(refusal(() => sealSecret({ plaintext, purpose: bad, orgId })).code).toBe(
        'CONFIG_INVALID',
      );
    }
  });
});
