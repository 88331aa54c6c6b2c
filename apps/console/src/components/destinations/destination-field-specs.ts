// What the destination form shows for each type: its settings in order, how each is entered,
// and the formats it carries (default first). Client-safe (no server imports), so it mirrors
// @parapet/audit's schemas by hand; destination-field-specs.test.ts holds the two together.

export type DestinationTypeName = 'webhook' | 'splunk-hec' | 'elastic' | 'datadog' | 'syslog';

export type FieldSpec = {
  name: string;
  label: string;
  /** `secret`: a password input, sealed on the server and never shown again. */
  kind: 'text' | 'url' | 'secret' | 'number' | 'list' | 'textarea' | 'select';
  required?: boolean;
  options?: readonly string[];
  placeholder?: string;
  hint?: string;
};

export type TypeSpec = {
  label: string;
  formats: readonly string[];
  fields: readonly FieldSpec[];
};

const url = (placeholder: string, hint: string): FieldSpec => ({
  name: 'url',
  label: 'URL',
  kind: 'url',
  required: true,
  placeholder,
  hint,
});

export const destinationTypeSpecs: Record<DestinationTypeName, TypeSpec> = {
  webhook: {
    label: 'Webhook (HTTPS, HMAC-signed)',
    formats: ['json', 'ocsf'],
    fields: [
      url('https://siem.example.com/parapet', 'Receives a JSON array of events per POST.'),
      {
        name: 'secret',
        label: 'Signing secret',
        kind: 'secret',
        required: true,
        hint: 'At least 16 characters; X-Parapet-Signature is sha256=<hex HMAC of the body>.',
      },
    ],
  },
  'splunk-hec': {
    label: 'Splunk HTTP Event Collector',
    formats: ['json', 'ocsf'],
    fields: [
      url('https://splunk.example.com:8088', '/services/collector/event is appended.'),
      { name: 'token', label: 'HEC token', kind: 'secret', required: true },
      { name: 'index', label: 'Index (optional)', kind: 'text' },
      { name: 'source', label: 'Source (optional)', kind: 'text' },
      { name: 'sourcetype', label: 'Sourcetype', kind: 'text', placeholder: 'parapet:event' },
    ],
  },
  elastic: {
    label: 'Elasticsearch (_bulk)',
    formats: ['ecs', 'ocsf'],
    fields: [
      url('https://elastic.example.com:9200', '/_bulk is appended.'),
      { name: 'index', label: 'Index or data stream', kind: 'text', placeholder: 'parapet-events' },
      {
        name: 'apiKey',
        label: 'API key',
        kind: 'secret',
        hint: 'Either an API key, or a username and password.',
      },
      { name: 'username', label: 'Username', kind: 'text' },
      { name: 'password', label: 'Password', kind: 'secret' },
    ],
  },
  datadog: {
    label: 'Datadog logs',
    formats: ['json', 'ocsf'],
    fields: [
      url(
        'https://http-intake.logs.datadoghq.com',
        'Your site’s logs intake; /api/v2/logs is appended.',
      ),
      { name: 'apiKey', label: 'API key', kind: 'secret', required: true },
      { name: 'service', label: 'Service', kind: 'text', placeholder: 'parapet' },
      { name: 'ddsource', label: 'Source', kind: 'text', placeholder: 'parapet' },
      { name: 'tags', label: 'Tags', kind: 'list', placeholder: 'env:prod, team:security' },
    ],
  },
  syslog: {
    label: 'Syslog (RFC 5424 over TLS or TCP)',
    formats: ['cef', 'json', 'ocsf'],
    fields: [
      {
        name: 'host',
        label: 'Host',
        kind: 'text',
        required: true,
        placeholder: 'syslog.example.com',
      },
      { name: 'port', label: 'Port', kind: 'number', placeholder: '6514' },
      { name: 'transport', label: 'Transport', kind: 'select', options: ['tls', 'tcp'] },
      {
        name: 'caPem',
        label: 'CA certificates (PEM, optional)',
        kind: 'textarea',
        hint: 'Trusted for TLS instead of the system’s certificates.',
      },
      { name: 'facility', label: 'Facility', kind: 'number', placeholder: '13' },
      { name: 'appName', label: 'App name', kind: 'text', placeholder: 'parapet' },
    ],
  },
};

export const destinationTypeNames = Object.keys(destinationTypeSpecs) as DestinationTypeName[];

export const formatLabels: Record<string, string> = {
  json: 'Parapet JSON',
  ocsf: 'OCSF (API Activity)',
  cef: 'CEF',
  ecs: 'Elastic Common Schema',
};
