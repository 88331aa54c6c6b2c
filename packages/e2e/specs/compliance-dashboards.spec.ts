import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { waitForEdge } from '../support/agent-cli';
import { expect, test } from '../support/fixtures';
import { saveScreenshot } from '../support/save-screenshot';
import { signIn } from '../support/sign-in';
import { owner } from '../support/test-accounts';
import { waitForHydration } from '../support/wait-for-hydration';

// Compliance review as the issue states it: a device enrolled through the edge reports decision
// events (POST /v1/events, a valid hash chain), then the dashboard is filtered by surface and
// decision (the address and the panels change), one event is opened with its body and chain
// facts, and the filtered view is exported as CSV, whose rows are exactly the filtered events.

type Resource = Record<string, string | number>;
const kinds: { surface: string; action: string; resource: Resource; decision: string }[] = [
  {
    surface: 'network',
    action: 'connect',
    resource: { host: 'evil.e2e-audit.example', port: 443 },
    decision: 'deny',
  },
  {
    surface: 'network',
    action: 'connect',
    resource: { host: 'api.github.com', port: 443 },
    decision: 'allow',
  },
  {
    surface: 'filesystem',
    action: 'read',
    resource: { path: '/home/ada/.ssh/id_ed25519' },
    decision: 'deny',
  },
  {
    surface: 'mcp',
    action: 'invoke',
    resource: { server: 'uvx mcp-shell', tool: '=cmd|calc' },
    decision: 'deny',
  },
  { surface: 'network', action: 'connect', resource: { host: 'pastebin.com' }, decision: 'deny' },
];

/** Keys sorted at every level: JSON.stringify of it is RFC 8785 for these flat shapes. */
function sorted(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = value[key];
    out[key] =
      member && typeof member === 'object' ? sorted(member as Record<string, unknown>) : member;
  }
  return out;
}

function uuidV7(ms: number): string {
  const time = ms.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8)}-7${randomUUID().slice(15)}`;
}

/** `count` events of one device, oldest first, chained from seq 1. */
function chainedEvents(device: string, count: number) {
  let prev = '0'.repeat(64);
  const start = Date.now() - count * 1_000 - 60_000;
  return Array.from({ length: count }, (_, index) => {
    const kind = kinds[index % kinds.length] as (typeof kinds)[number];
    const ms = start + index * 1_000;
    const event = sorted({
      id: uuidV7(ms),
      time: new Date(ms).toISOString(),
      device,
      ...kind,
      mode: index % 10 === 3 ? 'audit' : 'enforce',
      rule: {
        id: kind.decision === 'deny' ? null : 'github',
        layer: kind.decision === 'deny' ? 'default' : 'baseline',
      },
      seq: index + 1,
      prev,
    });
    prev = createHash('sha256').update(JSON.stringify(event)).digest('hex');
    return event;
  });
}

test('compliance filters the dashboard, drills into an event and exports the view as CSV', async ({
  page,
  request,
}) => {
  // Four pages, an enrollment and a download: more than the default minute on a busy machine.
  test.setTimeout(180_000);
  const { device, batch: events } =
    await test.step('a device enrolled through the edge reports 40 events', async () => {
      await signIn({ page, account: owner });
      await waitForEdge();
      await page.goto('/devices/enrollment-tokens');
      await waitForHydration(page);
      await page.getByLabel('Name (optional)').fill('e2e audit laptop');
      await page.getByRole('button', { name: 'Create token' }).click();
      const command = await page.getByLabel('Enroll command').inputValue();
      const [, server = '', token = ''] =
        command.match(/^parapet-agent enroll --server (\S+) --token (\S+)$/) ?? [];
      const { x } = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
      const enrolled = await request.post(`${server}/v1/enroll`, {
        data: {
          token,
          publicKey: { kty: 'OKP', crv: 'Ed25519', x },
          device: { hostname: 'e2e-audit-laptop', os: 'Debian 13', agentVersion: '0.1.0-e2e' },
        },
      });
      expect(enrolled.status(), await enrolled.text()).toBe(201);
      const { device, accessToken } = (await enrolled.json()) as {
        device: string;
        accessToken: string;
      };
      const batch = chainedEvents(device, 40);
      const stored = await request.post(`${server}/v1/events`, {
        headers: { authorization: `Bearer ${accessToken}` },
        data: batch,
      });
      expect(stored.status(), await stored.text()).toBe(200);
      const answer = (await stored.json()) as { accepted: string[]; rejected: unknown[] };
      expect(answer.rejected).toEqual([]);
      expect(answer.accepted).toHaveLength(40);
      return { device, batch };
    });
  const networkDenied = events.filter(
    (event) => event.surface === 'network' && event.decision === 'deny',
  );

  await test.step('the dashboard counts them, and the filters change the address and panels', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Audit' }).click();
    await expect(page.getByRole('heading', { name: 'Audit', level: 1 })).toBeVisible();
    // Other specs' devices may report events too: this view is the device's, by its address.
    await page.goto(`/audit?device=${device}`);
    await expect(page.getByRole('link', { name: 'Remove the device filter' })).toHaveText(
      'Device: e2e-audit-laptop ✕',
    );
    await expect(page.getByTestId('total-events')).toHaveText('40');
    await expect(page.getByTestId('top-denied-filesystem')).toContainText(
      '/home/ada/.ssh/id_ed25519',
    );
    await saveScreenshot({ page, name: 'audit-dashboard' });
    await page.getByLabel('Surface', { exact: true }).selectOption('network');
    await page.getByLabel('Decision', { exact: true }).selectOption('deny');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/surface=network/);
    await expect(page).toHaveURL(/decision=deny/);
    await expect(page).toHaveURL(new RegExp(`device=${device}`));
    await expect(page.getByTestId('total-events')).toHaveText(String(networkDenied.length));
    await expect(page.getByTestId('top-denied-network')).toContainText(
      'evil.e2e-audit.example:443',
    );
    await expect(page.getByTestId('top-denied-filesystem')).toHaveCount(0);
    await saveScreenshot({ page, name: 'audit-dashboard-filtered' });
  });

  await test.step('one event opens with its body, hash and chain facts', async () => {
    await page.getByRole('link', { name: 'Browse these events' }).click();
    await expect(page).toHaveURL(/\/audit\/events\?.*surface=network/);
    const rows = page.getByTestId('audit-event-row');
    await expect(rows).toHaveCount(networkDenied.length);
    const newest = networkDenied.at(-1) as (typeof networkDenied)[number];
    await rows.first().getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/audit/events/${newest.id}$`));
    await expect(page.getByTestId('audit-event-body')).toContainText(`"id": "${newest.id}"`);
    await expect(page.getByTestId('audit-event-chain')).toContainText('Yes');
    await expect(page.getByRole('link', { name: 'e2e-audit-laptop' })).toBeVisible();
    await saveScreenshot({ page, name: 'audit-event' });
  });

  await test.step('the filtered view exports as CSV with exactly its rows', async () => {
    await page.goto(`/audit?device=${device}&surface=network&decision=deny`);
    await waitForHydration(page);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^parapet-events-.*\.csv$/);
    await expect(page.getByTestId('export-csv-status')).toHaveText(
      `${networkDenied.length} rows exported`,
    );
    const lines = readFileSync(await file.path(), 'utf8').split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toMatch(/^id,time,received_at,device_id,hostname,/);
    const rows = lines.slice(1, -1);
    expect(rows.map((line) => line.split(',')[0])).toEqual(networkDenied.map((event) => event.id));
    for (const row of rows) expect(row).toContain(',network,connect,deny,');
  });
});
