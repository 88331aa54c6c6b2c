// SCIM's own error answer (RFC 7644 §3.12). Every refusal of the SCIM server is one of these,
// so an identity provider always reads a status, a scimType where the RFC names one, and a
// detail that says why; nothing else (no stack, no token) ever leaves the server.

export const errorSchema = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

export class ScimError extends Error {
  readonly status: number;
  readonly scimType: ScimType | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    detail: string,
    scimType?: ScimType,
    headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ScimError';
    this.status = status;
    this.scimType = scimType;
    this.headers = headers;
  }

  toBody(): Record<string, unknown> {
    return {
      schemas: [errorSchema],
      status: String(this.status),
      ...(this.scimType ? { scimType: this.scimType } : {}),
      detail: this.message,
    };
  }
}

export function badRequest(scimType: ScimType, detail: string): ScimError {
  return new ScimError(400, detail, scimType);
}

export function notFound(detail: string): ScimError {
  return new ScimError(404, detail);
}

export function conflict(detail: string): ScimError {
  return new ScimError(409, detail, 'uniqueness');
}

export const unauthorized = (): ScimError =>
  new ScimError(401, 'The bearer token is missing, unknown or not this directory’s.', undefined, {
    'WWW-Authenticate': 'Bearer realm="SCIM"',
  });

export function isScimError(error: unknown): error is ScimError {
  return error instanceof ScimError;
}
