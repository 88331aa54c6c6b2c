// @parapet/db/secrets: secret values at rest (signing keys, SIEM tokens), AES-256-GCM under keys
// derived from the master key.

export { deriveKey } from './derive-key';
export { openSecret, type SecretContext, sealSecret } from './seal-secret';
