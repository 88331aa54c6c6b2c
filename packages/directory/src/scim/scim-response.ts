import type { ScimError } from './scim-error';

export const scimContentType = 'application/scim+json; charset=utf-8';

export type ScimResponse = { status: number; headers: Record<string, string>; body: string | null };

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): ScimResponse {
  return {
    status,
    headers: { 'Content-Type': scimContentType, ...headers },
    body: JSON.stringify(body),
  };
}

export function errorResponse(error: ScimError): ScimResponse {
  return json(error.status, error.toBody(), error.headers);
}

export function noContent(headers: Record<string, string> = {}): ScimResponse {
  return { status: 204, headers, body: null };
}
