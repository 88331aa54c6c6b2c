import { homedir } from 'node:os';
import { z } from 'zod';
import { defaultStateDir } from './state/default-state-dir';

// The agent's environment, read once. Empty values count as unset, as shells often export them.
const optional = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : value));

const envSchema = z.object({
  PARAPET_AGENT_STATE_DIR: optional,
  XDG_STATE_HOME: optional,
  LOCALAPPDATA: optional,
  PARAPET_AGENT_BUFFER_MAX_EVENTS: optional,
  PARAPET_AGENT_BUFFER_MAX_BYTES: optional,
});

const parsed = envSchema.parse(process.env);

export const env = {
  /** `--state` wins over this, and this over the OS default. */
  stateDir:
    parsed.PARAPET_AGENT_STATE_DIR ??
    defaultStateDir({
      platform: process.platform,
      home: homedir(),
      uid: typeof process.getuid === 'function' ? process.getuid() : undefined,
      xdgStateHome: parsed.XDG_STATE_HOME,
      localAppData: parsed.LOCALAPPDATA,
    }),
  /** Checked where they are used, so a bad value is a usage error naming the variable. */
  bufferLimits: {
    maxEvents: parsed.PARAPET_AGENT_BUFFER_MAX_EVENTS,
    maxBytes: parsed.PARAPET_AGENT_BUFFER_MAX_BYTES,
  },
};
