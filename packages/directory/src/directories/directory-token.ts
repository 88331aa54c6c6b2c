import { createSecretToken, hashSecretToken } from '@parapet/accounts';

/** A directory's bearer token as issued: the value (shown once), its hash and its prefix. */
export type IssuedDirectoryToken = { token: string; tokenHash: string; tokenPrefix: string };

// `pds_` tells a Parapet directory token apart from an API key (`ppk_`) in a leaked log line
// or a secret scanner's rules; the prefix kept is `pds_` and the first 8 random characters.
const tokenPrefixLength = 12;

/** A new random token (256 bits); only its SHA-256 and its prefix are stored. */
export function issueDirectoryToken(): IssuedDirectoryToken {
  const token = `pds_${createSecretToken()}`;
  return {
    token,
    tokenHash: hashSecretToken(token),
    tokenPrefix: token.slice(0, tokenPrefixLength),
  };
}
