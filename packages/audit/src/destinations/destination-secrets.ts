import { openSecret, sealSecret } from '@parapet/db/secrets';
import {
  type DestinationConfig,
  destinationInputSchema,
  secretFieldsByType,
} from './destination-schemas';

const purpose = 'audit-destination';

/** A stored destination as the database has it: the settings without secrets, and the sealed secrets. */
export type StoredDestinationSettings = {
  orgId: string;
  name: string;
  type: string;
  format: string;
  enabled: boolean;
  settings: unknown;
  secretSealed: Uint8Array;
};

/**
 * Splits a validated configuration into what is stored in the clear, what is sealed, and a
 * hint (the secret's last four characters, only when it is long enough that four reveal little).
 */
export function splitDestinationSecrets({
  orgId,
  config,
}: {
  orgId: string;
  config: DestinationConfig;
}): {
  settings: Record<string, unknown>;
  secretSealed: Buffer<ArrayBuffer>;
  secretHint: string | null;
} {
  const secretFields: readonly string[] = secretFieldsByType[config.type];
  const settings: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key === 'name' || key === 'type' || key === 'format' || key === 'enabled') continue;
    if (secretFields.includes(key)) {
      if (typeof value === 'string') secrets[key] = value;
    } else if (value !== undefined) {
      settings[key] = value;
    }
  }
  const first = Object.values(secrets)[0];
  const secretHint = first !== undefined && first.length >= 16 ? first.slice(-4) : null;
  const secretSealed = sealSecret({
    plaintext: Buffer.from(JSON.stringify(secrets)),
    purpose,
    orgId,
  });
  return { settings, secretSealed, secretHint };
}

/**
 * The full configuration of a stored destination, secrets opened, validated again so a row
 * edited by hand cannot smuggle a setting the form would refuse. Only the worker and the
 * "send test event" path call it; nothing returns its result to a caller.
 */
export function openDestinationConfig(stored: StoredDestinationSettings): DestinationConfig {
  const secrets = JSON.parse(
    openSecret({ sealed: stored.secretSealed, purpose, orgId: stored.orgId }).toString('utf8'),
  ) as Record<string, unknown>;
  return destinationInputSchema.parse({
    ...(stored.settings as Record<string, unknown>),
    ...secrets,
    name: stored.name,
    type: stored.type,
    format: stored.format,
    enabled: stored.enabled,
  });
}
