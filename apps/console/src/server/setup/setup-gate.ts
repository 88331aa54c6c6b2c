import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '@parapet/errors';
import { getEnv } from '@/env';

/** How the serve script configures /setup for this process (see prepareSetupGate). */
export type SetupGateConfig =
  | { mode: 'open' }
  | { mode: 'token'; token: string }
  | { mode: 'closed' };

type SetupGate = { mode: 'open' } | { mode: 'token'; tokenHash: Buffer } | { mode: 'closed' };

// The gate lives on globalThis, not in module scope: the serve script configures it through its
// own copy of this module, while Next.js compiles a second copy into the server bundle, in the
// same process. Only the token's SHA-256 is kept, never the token.
const SETUP_GATE = Symbol.for('parapet.console.setupGate');
const holder = globalThis as typeof globalThis & { [SETUP_GATE]?: SetupGate };

export function configureSetupGate(config: SetupGateConfig): void {
  holder[SETUP_GATE] =
    config.mode === 'token' ? { mode: 'token', tokenHash: sha256(config.token.trim()) } : config;
}

/** Forgets the configuration (tests). */
export function clearSetupGate(): void {
  delete holder[SETUP_GATE];
}

/** Whether the setup form must ask for the setup token. */
export function setupTokenRequired(): boolean {
  return currentGate().mode !== 'open';
}

/**
 * Refuses a setup without the right token, unless the gate is open. The comparison is of two
 * SHA-256 digests in constant time, so neither the token's length nor its content leaks through
 * timing. A console not started by the serve script has no gate configured: it takes the token
 * from PARAPET_SETUP_TOKEN if set, else it is closed (no token can match), never open.
 */
export function checkSetupToken(candidate: unknown): void {
  const gate = currentGate();
  if (gate.mode === 'open') return;
  const given = typeof candidate === 'string' ? candidate.trim() : '';
  if (given === '') {
    throw new AppError('INVALID_INPUT', 'Enter the setup token.', {
      fieldErrors: { setupToken: ['Enter the setup token from the console’s log.'] },
    });
  }
  if (gate.mode === 'closed') {
    throw new AppError('FORBIDDEN', 'This console has no setup token.', {
      fieldErrors: {
        setupToken: [
          'No setup token is active: start the console with `pnpm start` (it logs one), or set PARAPET_SETUP_TOKEN.',
        ],
      },
    });
  }
  if (!timingSafeEqual(sha256(given), gate.tokenHash)) {
    throw new AppError('FORBIDDEN', 'The setup token is not correct.', {
      fieldErrors: {
        setupToken: [
          'This is not the setup token in the console’s log. Copy it again; restarting the console makes a new one.',
        ],
      },
    });
  }
}

function currentGate(): SetupGate {
  const configured = holder[SETUP_GATE];
  if (configured) return configured;
  const fromEnv = getEnv().PARAPET_SETUP_TOKEN;
  return fromEnv ? { mode: 'token', tokenHash: sha256(fromEnv) } : { mode: 'closed' };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
