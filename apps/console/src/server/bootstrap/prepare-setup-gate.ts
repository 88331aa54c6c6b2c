import { randomBytes } from 'node:crypto';
import { isSetupComplete } from '@parapet/accounts';
import type { PrismaClient } from '@parapet/db';
import { configureSetupGate } from '../setup/setup-gate';
import type { SetupGateMode } from '../setup/setup-gate-mode';

/**
 * Configures /setup for this process, and returns the line the serve script prints (only to its
 * own log) when the first visitor needs a setup token. A token is needed only while no owner
 * exists; it is made up here, 256 random bits in hex (easy to copy from a terminal), unless
 * PARAPET_SETUP_TOKEN gives one (which is never printed). Once an owner exists the gate is
 * closed: /setup is gone, and no token would be of any use.
 */
export async function prepareSetupGate({
  db,
  mode,
  tokenFromEnv,
  setupUrl,
}: {
  db: PrismaClient;
  mode: SetupGateMode;
  tokenFromEnv: string | undefined;
  setupUrl: string;
}): Promise<{ message: string | undefined }> {
  if (mode === 'open') {
    configureSetupGate({ mode: 'open' });
    return { message: undefined };
  }
  if (await isSetupComplete({ db })) {
    configureSetupGate({ mode: 'closed' });
    return { message: undefined };
  }
  if (tokenFromEnv) {
    configureSetupGate({ mode: 'token', token: tokenFromEnv });
    return { message: `Open ${setupUrl} and enter the setup token from PARAPET_SETUP_TOKEN.` };
  }
  const token = randomBytes(32).toString('hex');
  configureSetupGate({ mode: 'token', token });
  return { message: `Open ${setupUrl} and enter this setup token: ${token}` };
}
