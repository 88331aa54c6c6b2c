import { type StartedSamlIdp, startSamlIdp } from '@parapet/identity/testing';
import type { APIRequestContext, Page } from '@playwright/test';
import { edgeUrl, waitForEdge } from '../support/agent-cli';
import { type LoginCode, startAgentLogin } from '../support/agent-login';
import { e2eBaseUrl } from '../support/base-url';
import { expect, test } from '../support/fixtures';
import { saveScreenshot } from '../support/save-screenshot';
import { signIn } from '../support/sign-in';
import { owner } from '../support/test-accounts';
import { waitForHydration } from '../support/wait-for-hydration';

// Device login for people (RFC 8628), as a developer meets it: `parapet-agent login` prints a
// code and the console's /device page; the person opens it, signs in with the organization's
// single sign-on, checks the code and approves while the command waits; the laptop is enrolled
// as them and its next bundle carries their groups. The IdP is the real saml-idp on loopback,
// with a connection, a claimed domain and a person of this spec's own; the person is in the
// `research` group people-and-simulator published a policy for.

const baseURL = e2eBaseUrl;
const domain = 'laptops.acme.example';
const developer = { email: `dana@${domain}`, name: 'Dana Developer' };
const connectionName = 'Acme laptops SAML';

let idp: StartedSamlIdp;

test.beforeAll(async () => {
  idp = await startSamlIdp({
    acsUrl: `${baseURL}/api/sso/saml/acs`,
    audience: `${baseURL}/api/sso/saml/metadata`,
  });
});
test.afterAll(async () => {
  await idp?.stop();
});

test('the people page shows the code, asks for SSO, and refuses a console password', async ({
  page,
}) => {
  await waitForEdge();
  const login = startAgentLogin(edgeUrl());
  try {
    const code = await login.code;
    expect(code.userCode).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(code.verificationUriComplete).toBe(
      `${code.verificationUri}?user_code=${encodeURIComponent(code.userCode)}`,
    );

    await test.step('the page the terminal names asks for single sign-on', async () => {
      // The edge names the console's own page (PARAPET_PUBLIC_URL, as pnpm start passes it).
      await page.goto(code.verificationUriComplete);
      await expect(
        page.getByRole('heading', { name: 'Sign in to approve this device' }),
      ).toBeVisible();
      await expect(page.getByTestId('device-code')).toHaveText(code.userCode);
      const sso = page.getByRole('link', { name: 'Continue with SSO' });
      await expect(sso).toHaveAttribute(
        'href',
        `/sso?callbackUrl=${encodeURIComponent(`/device?user_code=${encodeURIComponent(code.userCode)}`)}`,
      );
      // People's page, not the console: no console navigation.
      await expect(page.getByRole('navigation')).toHaveCount(0);
      await saveScreenshot({ page, name: 'device-login-sign-in-first' });
    });

    await test.step('a console password session does not count', async () => {
      await signIn({ page, account: owner });
      await page.goto(`/device?user_code=${encodeURIComponent(code.userCode)}`);
      await expect(
        page.getByText('You are signed in to the console with a password.'),
      ).toBeVisible();
      await expect(page.getByRole('button', { name: 'Approve this device' })).toHaveCount(0);
    });

    await test.step('interrupting the command ends it with nothing saved', async () => {
      login.interrupt();
      const ended = await login.exited;
      expect(ended.code).toBe(130);
      expect(ended.stderr).toContain(code.userCode);
      expect(ended.stderr).toContain('interrupted');
    });
  } finally {
    login.remove();
  }
});

test('a developer approves their laptop through SSO and it gets their policy; a denied login ends the command', async ({
  page,
  freshPage,
  request,
}) => {
  await waitForEdge();
  await test.step('the owner claims the domain, adds the SAML connection and the person', async () => {
    await signIn({ page, account: owner });
    const key = await createOwnerKey(page);
    await apiPost(request, key, '/api/v1/domains', { domain });
    await apiPost(request, key, '/api/v1/people', {
      email: developer.email,
      displayName: developer.name,
      groups: ['research'],
    });
    await apiPost(request, key, '/api/v1/sso-connections', {
      name: connectionName,
      metadataXml: await idp.metadataXml(),
    });
  });

  const approved = startAgentLogin(edgeUrl());
  try {
    const code = await approved.code;
    const person = await freshPage();
    await test.step('the developer opens the page, signs in with SSO and approves', async () => {
      await signInForCode(person, code);
      await expect(person.getByRole('heading', { name: 'Approve this device?' })).toBeVisible();
      await expect(person.getByTestId('device-code')).toHaveText(code.userCode);
      await expect(person.getByText(developer.email)).toBeVisible();
      await saveScreenshot({ page: person, name: 'device-login-approve' });
      await person.getByRole('button', { name: 'Approve this device' }).click();
      await expect(person.getByRole('heading', { name: 'Device approved' })).toBeVisible();
    });

    await test.step('the command finishes; the next pull carries the developer’s groups', async () => {
      const ended = await approved.exited;
      expect(ended.code, ended.stderr).toBe(0);
      expect(ended.stdout).toContain('"event":"enrolled"');
      const pulled = await approved.run(['pull']);
      expect(pulled.code, pulled.stderr).toBe(0);
      const status = await approved.run(['status']);
      expect(JSON.parse(status.stdout)).toMatchObject({ active: { groups: ['research'] } });
    });

    await test.step('a second login, denied, ends its command with the reason', async () => {
      const denied = startAgentLogin(edgeUrl());
      try {
        const second = await denied.code;
        await person.goto(second.verificationUriComplete);
        await expect(person.getByRole('heading', { name: 'Approve this device?' })).toBeVisible();
        await person.getByRole('button', { name: 'Deny' }).click();
        await expect(person.getByRole('heading', { name: 'Device denied' })).toBeVisible();
        const ended = await denied.exited;
        expect(ended.code).toBe(4);
        expect(ended.stderr).toContain('the login was denied');
      } finally {
        denied.remove();
      }
    });
  } finally {
    approved.remove();
  }
});

/** From the code's page through "Continue with SSO", the email step and the IdP, back to it. */
async function signInForCode(page: Page, code: LoginCode): Promise<void> {
  await page.goto(code.verificationUriComplete);
  await page.getByRole('link', { name: 'Continue with SSO' }).click();
  await waitForHydration(page);
  await page.getByLabel('Work email').fill(developer.email);
  await page.getByRole('button', { name: 'Continue with SSO' }).click();
  // The organization has other connections (identity-sso's): pick this spec's.
  const choice = page.getByRole('link', { name: new RegExp(connectionName) });
  await expect(page.locator('#userName').or(choice)).toBeVisible();
  if (await choice.isVisible()) await choice.click();
  // saml-idp's own page: who to be, then "Sign in" posts the signed response back.
  await expect(page).toHaveURL(new RegExp(`^${idp.url}/saml/sso`));
  await page.locator('#userName').fill(developer.email);
  await page.locator('#email').fill(developer.email);
  await page.locator('#btn-sign-in').click();
  await expect(page).toHaveURL(/\/device\?user_code=/);
}

async function createOwnerKey(page: Page): Promise<string> {
  await page.goto('/api-keys');
  await waitForHydration(page);
  await page.getByLabel('Name').fill('Device login spec');
  await page.getByLabel('Role').selectOption('owner');
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = page.getByLabel('API key', { exact: true });
  await expect(secret).toHaveValue(/^ppk_/);
  return secret.inputValue();
}

async function apiPost(request: APIRequestContext, key: string, path: string, body: unknown) {
  const response = await request.post(path, {
    data: body,
    headers: { Authorization: `Bearer ${key}` },
  });
  expect(response.status(), `POST ${path}: ${await response.text()}`).toBe(201);
}
