import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '../support/fixtures';
import { acceptInvite, inviteMember } from '../support/invites';
import { saveScreenshot } from '../support/save-screenshot';
import { signIn } from '../support/sign-in';
import { owner, type TestAccount } from '../support/test-accounts';
import { waitForHydration } from '../support/wait-for-hydration';

// SIEM export as an admin meets it: a webhook destination added in the console, pointing at a
// receiver this spec runs on loopback (plain http is allowed there only), a test event sent and
// shown as delivered, and the receiver holding exactly one correctly signed JSON array with the
// marked test event. The secret is never on a page after it was typed.

const siemAdmin: TestAccount = {
  name: 'Sid SIEM',
  email: 'sid@acme.example',
  password: 'siem admin password 1234',
};
const secret = 'e2e-webhook-signing-secret-7f3a';
const destinationName = 'E2E webhook';

type Received = { headers: IncomingHttpHeaders; body: Buffer };

/** A webhook endpoint on 127.0.0.1 that keeps every request it gets and answers 200. */
async function startReceiver() {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/parapet/events`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('an admin adds a webhook destination and sends a test event', async ({
  page: ownerPage,
  freshPage,
}) => {
  const page = await freshPage();
  const receiver = await startReceiver();
  try {
    await test.step('the owner brings in an admin', async () => {
      await signIn({ page: ownerPage, account: owner });
      const link = await inviteMember({ page: ownerPage, email: siemAdmin.email, role: 'Admin' });
      await acceptInvite({ page, link, account: siemAdmin });
      await signIn({ page, account: siemAdmin });
    });

    await test.step('the admin adds a webhook destination; its secret is not shown again', async () => {
      await page.goto('/audit');
      await page
        .getByRole('navigation', { name: 'Audit sections' })
        .getByRole('link', { name: 'Destinations' })
        .click();
      await expect(page.getByRole('heading', { name: 'SIEM export', level: 1 })).toBeVisible();
      await expect(page.getByText('No destinations yet')).toBeVisible();
      await waitForHydration(page);
      const form = page.getByRole('region', { name: 'Add a destination' });
      await form.getByLabel('Type').selectOption('webhook');
      // Only the webhook's settings and formats are offered.
      await expect(form.getByLabel('HEC token')).toHaveCount(0);
      await expect(form.getByLabel('Format').locator('option')).toHaveText([
        'Parapet JSON',
        'OCSF (API Activity)',
      ]);
      await form.getByLabel('Name', { exact: true }).fill(destinationName);
      await form.getByLabel('URL').fill(receiver.url);
      const secretField = form.getByLabel('Signing secret');
      await expect(secretField).toHaveAttribute('type', 'password');
      await expect(form.getByText('Stored encrypted, never shown again.')).toBeVisible();
      await secretField.fill(secret);
      await form.getByRole('button', { name: 'Add destination' }).click();
      await expect(form.getByText(`Destination “${destinationName}” added`)).toBeVisible();
      const row = page.getByTestId('destination-row').filter({ hasText: destinationName });
      await expect(row.getByTestId('destination-state')).toHaveText('ok');
      await expect(row.getByTestId('destination-lag')).toHaveText('Up to date');
      await expect(row).toContainText(receiver.url);
      await page.reload();
      expect(await page.content()).not.toContain(secret);
      await saveScreenshot({ page, name: 'audit-destinations' });
    });

    await test.step('a test event is delivered, signed, as a JSON array with the marked event', async () => {
      await waitForHydration(page);
      const row = page.getByTestId('destination-row').filter({ hasText: destinationName });
      await row.getByRole('button', { name: 'Send test event' }).click();
      await expect(row.getByTestId('test-event-outcome')).toHaveText('delivered');
      await expect(row).toContainText('Test event delivered (HTTP 200)');
      // The worker exports to the destination too (the admin activity since it was added), so
      // the receiver may hold more than the test: every request must be signed, and exactly one
      // record be the test event.
      expect(receiver.received.length).toBeGreaterThanOrEqual(1);
      const records: Record<string, unknown>[] = [];
      for (const request of receiver.received) {
        expect(request.headers['content-type']).toMatch(/^application\/json/);
        const expected = `sha256=${createHmac('sha256', secret).update(request.body).digest('hex')}`;
        const signature = String(request.headers['x-parapet-signature']);
        expect(signature.length).toBe(expected.length);
        expect(timingSafeEqual(Buffer.from(signature), Buffer.from(expected))).toBe(true);
        const batch: unknown = JSON.parse(request.body.toString('utf8'));
        expect(Array.isArray(batch)).toBe(true);
        records.push(...(batch as Record<string, unknown>[]));
      }
      const tests = records.filter(
        (record) =>
          (record.resource as { host?: string } | undefined)?.host === 'parapet-test.invalid',
      );
      expect(tests).toHaveLength(1);
      expect(tests[0]).toMatchObject({
        kind: 'decision',
        surface: 'network',
        resource: { host: 'parapet-test.invalid', port: 443 },
        rule: { id: 'parapet-test' },
        session: { agent: 'parapet-test' },
      });
      await saveScreenshot({ page, name: 'audit-destinations-test-event' });
    });

    await test.step('the worker exports the admin entry that added it, in the same signed form', async () => {
      await expect
        .poll(() =>
          receiver.received.some((request) =>
            (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>[]).some(
              (record) =>
                record.kind === 'admin' &&
                record.action === 'destination.create' &&
                record.target === destinationName,
            ),
          ),
        )
        .toBe(true);
    });

    await test.step('the admin deletes it after confirming', async () => {
      const row = page.getByTestId('destination-row').filter({ hasText: destinationName });
      await row.getByRole('button', { name: 'Delete', exact: true }).click();
      await row.getByRole('button', { name: `Confirm deleting ${destinationName}` }).click();
      await expect(page.getByText('No destinations yet')).toBeVisible();
    });
  } finally {
    await receiver.close();
  }
});
