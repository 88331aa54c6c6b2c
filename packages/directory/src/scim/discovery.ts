import { maxResults } from './list-query';
import {
  type AttributeDefinition,
  commonAttributes,
  groupResource,
  type ResourceSchema,
  userResource,
} from './scim-attributes';
import { notFound } from './scim-error';
import { maxBodyBytes } from './scim-limits';

// The discovery endpoints (RFC 7644 §4, RFC 7643 §5–§7): what this server supports, drawn
// from the same attribute table the server validates and filters with.

type Json = Record<string, unknown>;

const listSchema = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export function serviceProviderConfig(baseUrl: string): Json {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'The directory connection’s token, sent as Authorization: Bearer pds_…',
        specUri: 'https://www.rfc-editor.org/rfc/rfc6750',
        primary: true,
      },
    ],
    meta: {
      resourceType: 'ServiceProviderConfig',
      location: `${baseUrl}/ServiceProviderConfig`,
    },
    maxPayloadSize: maxBodyBytes,
  };
}

const resourceSchemas = [userResource, groupResource];

function resourceType(schema: ResourceSchema, baseUrl: string): Json {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id: schema.name,
    name: schema.name,
    endpoint: schema.endpoint,
    description: schema.name === 'User' ? 'A person of the organization' : 'A directory group',
    schema: schema.core.urn,
    schemaExtensions: schema.extensions.map((extension) => ({
      schema: extension.urn,
      required: false,
    })),
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/${schema.name}` },
  };
}

function describe(attribute: AttributeDefinition): Json {
  const { subAttributes, ...rest } = attribute;
  return { ...rest, ...(subAttributes ? { subAttributes: subAttributes.map(describe) } : {}) };
}

function schemaDocuments(baseUrl: string): Json[] {
  return resourceSchemas.flatMap((schema) => [
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
      id: schema.core.urn,
      name: schema.name,
      description: `${schema.name} resource`,
      attributes: [
        ...schema.core.attributes,
        ...commonAttributes.filter((a) => a.name === 'externalId'),
      ].map(describe),
      meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${schema.core.urn}` },
    },
    ...schema.extensions.map((extension) => ({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
      id: extension.urn,
      name: 'EnterpriseUser',
      description: 'Enterprise User extension',
      attributes: extension.attributes.map(describe),
      meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${extension.urn}` },
    })),
  ]);
}

function list(resources: Json[]): Json {
  return {
    schemas: [listSchema],
    totalResults: resources.length,
    startIndex: 1,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

export function resourceTypes(baseUrl: string, name: string | undefined): Json {
  const all = resourceSchemas.map((schema) => resourceType(schema, baseUrl));
  if (name === undefined) return list(all);
  const found = all.find((entry) => String(entry.id).toLowerCase() === name.toLowerCase());
  if (!found) throw notFound(`No resource type ${name}.`);
  return found;
}

export function schemas(baseUrl: string, urn: string | undefined): Json {
  const all = schemaDocuments(baseUrl);
  if (urn === undefined) return list(all);
  const found = all.find((entry) => String(entry.id).toLowerCase() === urn.toLowerCase());
  if (!found) throw notFound(`No schema ${urn}.`);
  return found;
}
