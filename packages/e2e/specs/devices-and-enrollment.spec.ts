import { generateKeyPairSync } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { saveScreenshot } from '../support/save-screenshot';
import { signIn } from '../support/sign-in';
import { owner } from '../support/test-accounts';
import { waitForHydration } from '../support/wait-for-hydration';

// Devices as the owner meets them: an enrollment token created in the console, its command shown
// once; a device enrolled with it through the edge API (as parapet-agent would) appearing with
// the generation it reports and its error; the signing key rotated and the old one retired, the
// device seeing the new key-set chain; the device revoked and then refused by the edge. The
// device's requests go to the edge address the console's command names, so the command is
// proved right too.

const hostname = 'e2e-laptop';

type DeviceSession = { server: string; accessToken: string };

test('an enrollment token enrolls a device that shows up, keys rotate, and a revoked device is refused', async ({
  page,
  request,
  baseURL,
}) => {
  let command = '';
  let token = '';
  let device!: DeviceSession;

  await test.step('the devices page starts empty and says how to enroll one', async () => {
    await signIn({ page, account: owner });
    await page.getByRole('navigation').getByRole('link', { name: 'Devices' }).click();
    await expect(page.getByRole('heading', { name: 'Devices', level: 1 })).toBeVisible();
    await expect(page.getByText('No devices yet')).toBeVisible();
    await saveScreenshot({ page, name: 'devices-empty' });
    await page.getByRole('link', { name: 'enrollment token', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Enrollment tokens', level: 1 })).toBeVisible();
    await expect(page.getByText('No enrollment tokens yet')).toBeVisible();
  });

  await test.step('the owner creates a token and sees it and its command once', async () => {
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    await waitForHydration(page);
    await page.getByLabel('Name (optional)').fill('E2E laptop');
    await page.getByLabel('Expires after').selectOption('1d');
    await page.getByRole('button', { name: 'Create token' }).click();
    const commandField = page.getByLabel('Enroll command');
    await expect(commandField).toHaveValue(
      /^parapet-agent enroll --server http:\/\/\S+ --token pet_[A-Za-z0-9_-]{43}$/,
    );
    command = await commandField.inputValue();
    token = await page.getByLabel('Enrollment token', { exact: true }).inputValue();
    expect(command.endsWith(` --token ${token}`)).toBe(true);
    await page.getByRole('button', { name: 'Copy enroll command' }).click();
    await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(command);
    const row = page.getByTestId('enrollment-token-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('E2E laptop');
    await expect(row).toContainText(token.slice(0, 12));
    await expect(row).toContainText('One device');
    await expect(row).toContainText('Active');
    await saveScreenshot({ page, name: 'enrollment-token-shown-once' });
  });

  await test.step('the token is never shown again', async () => {
    await page.reload();
    await expect(page.getByTestId('enrollment-token-row')).toContainText(token.slice(0, 12));
    await expect(page.getByLabel('Enroll command')).toHaveCount(0);
    expect(await page.content()).not.toContain(token);
    // The admin API with the owner's session (which names the organization, as forms do).
    const orgId = await page.locator('input[name="orgId"]').first().inputValue();
    const listed = await page.request.get(`/api/v1/enrollment-tokens?orgId=${orgId}`);
    expect(listed.status()).toBe(200);
    expect(await listed.text()).not.toContain(token);
  });

  await test.step('a device enrolled with it through the edge shows up, current', async () => {
    device = await enroll(request, command);
    const generation = await bundleGeneration(request, device);
    await reportStatus(request, device, { activeVer: generation, lastError: null });
    await page.goto('/devices');
    const row = deviceRow(page);
    await expect(row.getByText('current', { exact: true })).toBeVisible();
    await expect(row).toContainText(`${generation} of ${generation}`);
    await expect(row).toContainText('0.1.0-e2e');
    await expect(row).toContainText('just now');
    await saveScreenshot({ page, name: 'devices-current' });
    await page.goto('/devices/enrollment-tokens');
    const tokenRow = page.getByTestId('enrollment-token-row');
    await expect(tokenRow).toContainText('Used');
    await expect(tokenRow.getByRole('button', { name: /Revoke/ })).toHaveCount(0);
  });

  await test.step('a device that reports an error is failing, and the filters find it', async () => {
    const generation = await bundleGeneration(request, device);
    await reportStatus(request, device, {
      activeVer: generation,
      lastError: {
        code: 'BUNDLE_REFUSED',
        message: 'The bundle’s signature did not verify.',
        at: new Date().toISOString(),
      },
    });
    await page.goto('/devices');
    await page.getByLabel('State').selectOption('failing');
    await page.getByLabel('Search').fill('e2e');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/state=failing/);
    await expect(page).toHaveURL(/q=e2e/);
    const row = deviceRow(page);
    await expect(row.getByText('failing', { exact: true })).toBeVisible();
    await expect(row).toContainText('BUNDLE_REFUSED');
    await saveScreenshot({ page, name: 'devices-failing-filtered' });
    await page.getByLabel('State').selectOption('revoked');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByText('No device matches these filters')).toBeVisible();
    await page.getByRole('link', { name: 'Clear' }).click();
    await expect(deviceRow(page)).toHaveCount(1);
  });

  await test.step('the owner rotates the signing key, then retires the previous one', async () => {
    await page.getByRole('link', { name: 'Signing keys' }).click();
    await expect(page.getByRole('heading', { name: 'Signing keys', level: 1 })).toBeVisible();
    const keys = page.getByTestId('signing-key-row');
    await expect(keys).toHaveCount(1);
    await expect(keys.first()).toHaveAttribute('data-state', 'active');
    const firstKid = ((await keys.first().locator('td').first().textContent()) ?? '').trim();
    await waitForHydration(page);
    await page.getByRole('button', { name: 'Rotate signing key' }).click();
    await page.getByRole('button', { name: 'Confirm rotation' }).click();
    await expect(page.getByText(/Key set 2 adds a new key/)).toBeVisible();
    await expect(keys).toHaveCount(2);
    await expect(page.locator(`tr[data-state="retiring"]`)).toContainText(firstKid);
    await page.getByRole('button', { name: `Retire key ${firstKid}` }).click();
    await page.getByRole('button', { name: `Confirm retiring key ${firstKid}` }).click();
    await expect(page.locator(`tr[data-state="retired"]`)).toContainText(firstKid);
    await expect(page.locator('tr[data-state="active"]')).toHaveCount(1);
    const keySetRows = page.getByTestId('key-set-row');
    await expect(keySetRows).toHaveCount(3);
    await expect(keySetRows.first()).toContainText('current');
    await saveScreenshot({ page, name: 'signing-keys' });
    // The device learns the chain from the edge: every version, the newest without the old key.
    const keySets = await request.get(`${device.server}/v1/keys`, {
      headers: { authorization: `Bearer ${device.accessToken}` },
    });
    expect(keySets.status()).toBe(200);
    expect(((await keySets.json()) as { keySets: string[] }).keySets).toHaveLength(3);
  });

  await test.step('the owner revokes the device after confirming, and the edge refuses it', async () => {
    await page.goto('/devices');
    await deviceRow(page).getByRole('link', { name: hostname }).click();
    await expect(page.getByRole('heading', { name: hostname, level: 1 })).toBeVisible();
    await expect(page.getByTestId('device-last-error')).toContainText('BUNDLE_REFUSED');
    await waitForHydration(page);
    await page.getByRole('button', { name: 'Revoke device' }).click();
    await expect(page.getByText('This cannot be undone')).toBeVisible();
    await page.getByRole('button', { name: `Confirm revoking ${hostname}` }).click();
    await expect(page.getByText(`${hostname} is revoked`)).toBeVisible();
    await page.reload();
    await expect(page.getByText('Cut off: the edge refuses it.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Revoke device' })).toHaveCount(0);
    await saveScreenshot({ page, name: 'device-page-revoked' });
    const refused = await request.get(`${device.server}/v1/bundle`, {
      headers: { authorization: `Bearer ${device.accessToken}` },
    });
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'DEVICE_REVOKED' } });
  });
});

function deviceRow(page: Page) {
  return page.getByTestId('device-row').filter({ hasText: hostname });
}

/** What `parapet-agent enroll` does with the command's address and token: a new key, POST /v1/enroll. */
async function enroll(request: APIRequestContext, command: string): Promise<DeviceSession> {
  const [, server = '', token = ''] =
    command.match(/^parapet-agent enroll --server (\S+) --token (\S+)$/) ?? [];
  const { x } = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  const response = await request.post(`${server}/v1/enroll`, {
    data: {
      token,
      publicKey: { kty: 'OKP', crv: 'Ed25519', x },
      device: { hostname, os: 'Debian 13', agentVersion: '0.1.0-e2e' },
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const { accessToken } = (await response.json()) as { accessToken: string };
  return { server, accessToken };
}

/** The generation of the bundle the edge serves the device now. */
async function bundleGeneration(
  request: APIRequestContext,
  device: DeviceSession,
): Promise<number> {
  const response = await request.get(`${device.server}/v1/bundle`, {
    headers: { authorization: `Bearer ${device.accessToken}` },
  });
  expect(response.status(), await response.text()).toBe(200);
  return Number(response.headers()['parapet-bundle-ver']);
}

async function reportStatus(
  request: APIRequestContext,
  device: DeviceSession,
  status: { activeVer: number; lastError: { code: string; message: string; at: string } | null },
): Promise<void> {
  const response = await request.post(`${device.server}/v1/status`, {
    headers: { authorization: `Bearer ${device.accessToken}` },
    data: { agentVersion: '0.1.0-e2e', ...status },
  });
  expect(response.status(), await response.text()).toBe(204);
}
