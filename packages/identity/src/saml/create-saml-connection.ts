import type { SAMLJackson } from '@boxyhq/saml-jackson';
import { assertRole, isUniqueViolation, type MemberContext, parseInput } from '@parapet/accounts';
import { AppError } from '@parapet/errors';
import { z } from 'zod';
import { createSsoConnection, ssoConnectionCommonSchema } from '../sso/create-sso-connection';
import type { SsoConnectionView } from '../sso/sso-connection-view';
import { fetchIdpMetadata } from './fetch-idp-metadata';
import { jacksonProduct } from './jackson';
import { samlPaths } from './saml-endpoints';

const maxMetadataChars = 1024 * 1024;

export const createSamlConnectionSchema = ssoConnectionCommonSchema
  .extend({
    metadataXml: z
      .string()
      .trim()
      .max(maxMetadataChars, 'The metadata is larger than 1 MiB.')
      .optional(),
    metadataUrl: z
      .url({ message: 'Enter a URL such as https://idp.example.com/metadata.' })
      .max(2000)
      .optional(),
  })
  .refine((input) => Boolean(input.metadataXml) !== Boolean(input.metadataUrl), {
    message: 'Paste the IdP metadata XML or give its URL (one of the two).',
    path: ['metadataXml'],
  });
export type CreateSamlConnectionInput = z.input<typeof createSamlConnectionSchema>;

const badMetadata = (detail: string) => {
  const message = `The IdP metadata was not accepted: ${detail}`;
  return new AppError('INVALID_INPUT', message, { fieldErrors: { metadataXml: [message] } });
};

/**
 * Creates a SAML connection (owners only) from the IdP's metadata, pasted or fetched from its
 * URL: jackson parses it and keeps the IdP's entity id, SSO URL and certificate in its store
 * (tenant = the organization, product 'parapet'), and Parapet's row keeps jackson's client id
 * with the role mapping. The same IdP twice in one organization is a conflict.
 */
export async function createSamlConnection({
  db,
  actor,
  jackson,
  origin,
  input,
  ip,
}: MemberContext & {
  /** Started only once the input is valid (its start-up is not free). */
  jackson: () => Promise<SAMLJackson>;
  origin: string;
  input: CreateSamlConnectionInput;
}): Promise<SsoConnectionView> {
  assertRole(actor, 'owner');
  const { metadataXml, metadataUrl, ...common } = parseInput(createSamlConnectionSchema, input);
  const rawMetadata = metadataXml || (await fetchIdpMetadata(metadataUrl ?? ''));
  if (!/<([A-Za-z0-9_-]+:)?EntityDescriptor[\s>]/.test(rawMetadata)) {
    throw badMetadata('it holds no EntityDescriptor.');
  }
  const callback = `${origin.replace(/\/+$/, '')}${samlPaths.callback}`;
  const { connectionAPIController } = await jackson();
  const record = await connectionAPIController
    .createSAMLConnection({
      rawMetadata,
      tenant: actor.orgId,
      product: jacksonProduct,
      name: common.name,
      defaultRedirectUrl: callback,
      redirectUrl: [callback],
    })
    .catch((error: unknown) => {
      throw badMetadata(error instanceof Error ? error.message : 'it could not be read.');
    });
  const existing = await db.ssoConnection.findUnique({ where: { samlClientId: record.clientID } });
  if (existing) throw conflict();
  try {
    return await createSsoConnection({
      db,
      actor,
      input: common,
      protocolFields: { protocol: 'saml', samlClientId: record.clientID },
      ip,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    await connectionAPIController.deleteConnections({
      clientID: record.clientID,
      clientSecret: record.clientSecret,
    });
    throw error;
  }
}

function conflict(): AppError {
  const message = 'This identity provider is already connected to this organization.';
  return new AppError('CONFLICT', message, { fieldErrors: { metadataXml: [message] } });
}
