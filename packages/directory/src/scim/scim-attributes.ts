// The attributes this server supports, as RFC 7643 §7 describes them. One table serves the
// /Schemas discovery answer, the validation of incoming resources, filters (types, caseExact)
// and attribute projection, so what is advertised is exactly what is understood.

export type AttributeType = 'string' | 'boolean' | 'dateTime' | 'reference' | 'complex';
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';

export type AttributeDefinition = {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: 'always' | 'default' | 'never' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  subAttributes?: AttributeDefinition[];
  referenceTypes?: string[];
  canonicalValues?: string[];
};

type Options = Partial<Omit<AttributeDefinition, 'name' | 'type' | 'description'>>;

function attribute(
  name: string,
  type: AttributeType,
  description: string,
  options: Options = {},
): AttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
}

const text = (name: string, description: string, options: Options = {}) =>
  attribute(name, 'string', description, options);

function multiValued(name: string, description: string, subAttributes: AttributeDefinition[]) {
  return attribute(name, 'complex', description, { multiValued: true, subAttributes });
}

const typed = (kinds: string[]) => [
  text('type', 'A label indicating the function of the value.', { canonicalValues: kinds }),
  attribute('primary', 'boolean', 'Whether this is the primary value.'),
  text('display', 'A human-readable name of the value.'),
];

export const userSchemaUrn = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const groupSchemaUrn = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const enterpriseUserSchemaUrn = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export const idAttribute = text('id', 'The service provider’s identifier of the resource.', {
  caseExact: true,
  mutability: 'readOnly',
  returned: 'always',
  uniqueness: 'server',
});

export const externalIdAttribute = text('externalId', 'The identity provider’s identifier.', {
  caseExact: true,
});

export const metaAttribute = attribute('meta', 'complex', 'Resource metadata.', {
  mutability: 'readOnly',
  subAttributes: [
    text('resourceType', 'User or Group.', { caseExact: true, mutability: 'readOnly' }),
    attribute('created', 'dateTime', 'When the resource was created.', { mutability: 'readOnly' }),
    attribute('lastModified', 'dateTime', 'When the resource last changed.', {
      mutability: 'readOnly',
    }),
    attribute('location', 'reference', 'The resource’s URI.', {
      caseExact: true,
      mutability: 'readOnly',
      referenceTypes: ['uri'],
    }),
    text('version', 'The resource’s version (its ETag).', {
      caseExact: true,
      mutability: 'readOnly',
    }),
  ],
});

const memberValue = (what: string) =>
  text('value', `The id of the ${what}.`, { caseExact: true, mutability: 'immutable' });

export const userAttributes: AttributeDefinition[] = [
  text('userName', 'Unique identifier for the user, case-insensitive.', {
    required: true,
    uniqueness: 'server',
  }),
  attribute('name', 'complex', 'The components of the user’s name.', {
    subAttributes: [
      text('formatted', 'The full name.'),
      text('familyName', 'The family name.'),
      text('givenName', 'The given name.'),
      text('middleName', 'The middle name.'),
      text('honorificPrefix', 'The honorific prefix.'),
      text('honorificSuffix', 'The honorific suffix.'),
    ],
  }),
  text('displayName', 'The name of the user, suitable for display.'),
  text('nickName', 'The casual name of the user.'),
  attribute('profileUrl', 'reference', 'A URI of the user’s profile.', {
    referenceTypes: ['external'],
  }),
  text('title', 'The user’s title.'),
  text('userType', 'The relationship between the organization and the user.'),
  text('preferredLanguage', 'The user’s preferred language.'),
  text('locale', 'The user’s default location.'),
  text('timezone', 'The user’s time zone (IANA).'),
  attribute('active', 'boolean', 'Whether the user may access Parapet; false deprovisions.'),
  multiValued('emails', 'Email addresses; the primary one is the person’s email.', [
    text('value', 'The email address.'),
    ...typed(['work', 'home', 'other']),
  ]),
  multiValued('phoneNumbers', 'Phone numbers.', [
    text('value', 'The phone number.'),
    ...typed(['work', 'home', 'mobile', 'fax', 'pager', 'other']),
  ]),
  multiValued('addresses', 'Physical mailing addresses.', [
    text('formatted', 'The full address.'),
    text('streetAddress', 'The street address.'),
    text('locality', 'The city or locality.'),
    text('region', 'The state or region.'),
    text('postalCode', 'The postal code.'),
    text('country', 'The country (ISO 3166-1 alpha-2).'),
    ...typed(['work', 'home', 'other']),
  ]),
  multiValued('roles', 'Roles of the user (kept, not used for access).', [
    text('value', 'The role.'),
    ...typed([]),
  ]),
  attribute('groups', 'complex', 'The groups the user belongs to, through group membership.', {
    multiValued: true,
    mutability: 'readOnly',
    subAttributes: [
      text('value', 'The id of the group.', { caseExact: true, mutability: 'readOnly' }),
      attribute('$ref', 'reference', 'The URI of the group.', {
        caseExact: true,
        mutability: 'readOnly',
        referenceTypes: ['Group'],
      }),
      text('display', 'The group’s displayName.', { mutability: 'readOnly' }),
      text('type', 'direct', { mutability: 'readOnly', canonicalValues: ['direct'] }),
    ],
  }),
];

export const enterpriseUserAttributes: AttributeDefinition[] = [
  text('employeeNumber', 'The employee number.'),
  text('costCenter', 'The cost center.'),
  text('organization', 'The organization.'),
  text('division', 'The division.'),
  text('department', 'The department.'),
  attribute('manager', 'complex', 'The user’s manager.', {
    subAttributes: [
      text('value', 'The id of the manager.', { caseExact: true }),
      attribute('$ref', 'reference', 'The URI of the manager.', {
        caseExact: true,
        referenceTypes: ['User'],
      }),
      text('displayName', 'The manager’s name.', { mutability: 'readOnly' }),
    ],
  }),
];

export const groupAttributes: AttributeDefinition[] = [
  text('displayName', 'A human-readable name for the group, unique per directory.', {
    required: true,
    uniqueness: 'server',
  }),
  attribute('members', 'complex', 'The users of the directory in the group.', {
    multiValued: true,
    subAttributes: [
      memberValue('user'),
      attribute('$ref', 'reference', 'The URI of the member.', {
        caseExact: true,
        mutability: 'immutable',
        referenceTypes: ['User'],
      }),
      text('display', 'The member’s name.', { mutability: 'readOnly' }),
      text('type', 'User (groups cannot be members here).', {
        mutability: 'immutable',
        canonicalValues: ['User'],
      }),
    ],
  }),
];

/** A resource type's schemas: the core one and its extensions, each with its attributes. */
export type ResourceSchema = {
  name: 'User' | 'Group';
  endpoint: '/Users' | '/Groups';
  core: { urn: string; attributes: AttributeDefinition[] };
  extensions: { urn: string; attributes: AttributeDefinition[] }[];
};

export const userResource: ResourceSchema = {
  name: 'User',
  endpoint: '/Users',
  core: { urn: userSchemaUrn, attributes: userAttributes },
  extensions: [{ urn: enterpriseUserSchemaUrn, attributes: enterpriseUserAttributes }],
};

export const groupResource: ResourceSchema = {
  name: 'Group',
  endpoint: '/Groups',
  core: { urn: groupSchemaUrn, attributes: groupAttributes },
  extensions: [],
};

/** The attributes every resource has besides its schema's own (RFC 7643 §3.1). */
export const commonAttributes = [idAttribute, externalIdAttribute, metaAttribute];
