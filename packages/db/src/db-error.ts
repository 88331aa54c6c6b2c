/** Codes for the failures @parapet/db reports to its callers. */
export type DbErrorCode =
  | 'CONFIG_INVALID'
  | 'MASTER_KEY_INVALID'
  | 'MASTER_KEY_MISSING'
  | 'SECRET_UNREADABLE'
  | 'EMBEDDED_START_FAILED'
  | 'EMBEDDED_IN_USE'
  | 'EMBEDDED_DATA_FOREIGN'
  | 'MIGRATION_CHECKSUM_MISMATCH'
  | 'MIGRATION_FAILED'
  | 'MIGRATION_LOCKED'
  | 'MIGRATION_PREVIOUSLY_FAILED'
  | 'MIGRATION_MISSING_LOCALLY'
  | 'SCOPE_VIOLATION'
  | 'SCOPE_UNSUPPORTED';

/**
 * The one error type this package throws on purpose. `code` lets callers (the console's error
 * mapping, startup scripts) react without parsing messages.
 */
export class DbError extends Error {
  readonly code: DbErrorCode;

  constructor(code: DbErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DbError';
    this.code = code;
  }
}
