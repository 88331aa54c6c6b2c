import { type StartedOidcProvider, startOidcProvider } from '@parapet/identity/testing';
import type { Page } from '@playwright/test';
import { e2eBaseUrl } from '../support/base-url';
import { expect, test } from '../support/fixtures';
import { acceptInvite, inviteMember } from '../support/invites';
import { saveScreenshot } from '../support/save-screenshot';
import { attemptSignIn, signIn } from '../support/sign-in';
import { owner, type TestAccount } from '../support/test-accounts';
import { waitForHydration } from '../support/wait-for-hydration';

// OIDC single sign-on as an owner sets it up and a new colleague meets it: a real OpenID
// Provider (panva's oidc-provider) runs on loopback; the owner adds it as a connection in the
// console (a metadata address refused first), and a person the console has never seen signs in
// through it and lands with the role their IdP group maps to. Then, with "Require SSO" on, a
// local admin's password is refused and the owner's break-glass password still works, flagged
// in the activity log. acme.example is the domain the identity-sso spec claimed.

const baseURL = e2eBaseUrl;
// The visitor signs in at `localhost`: Next.js rewrites a loopback IP in the URLs it hands route
// handlers to `localhost`, so Auth.js would finish at localhost a sign-in started at 127.0.0.1
// and send the IdP two redirect URIs. A real hostname is not rewritten.
const ssoOrigin = baseURL.replace('127.0.0.1', 'localhost');
const connectionName = 'Acme OIDC';
const newcomer = {
  email: 'nadia@acme.example',
  name: 'Nadia Newcomer',
  groups: ['parapet-admins', 'staff'],
};
const localAdmin: TestAccount = {
  name: 'Luis Local',
  email: 'luis@acme.example',
  password: 'luis password 1234',
};

let provider: StartedOidcProvider;

// Auth.js under Next.js cannot finish a sign-in on a loopback IP: the start (signIn, from
// AUTH_URL) sends the IdP http://127.0.0.1:… as redirect URI, the callback (NextRequest, which
// rewrites loopback IPs to localhost) sends http://localhost:…, and the IdP refuses the code.
// The run's default address is 127.0.0.1; run this project with
// PARAPET_E2E_BASE_URL=http://localhost:3100 until the console's start route and callback agree.
test.skip(
  new URL(baseURL).hostname === '127.0.0.1',
  'OIDC sign-in needs the console at a host name (PARAPET_E2E_BASE_URL=http://localhost:3100)',
);

test.beforeAll(async () => {
  provider = await startOidcProvider({
    redirectUriPrefix: `${ssoOrigin}/api/auth/callback/oidc-`,
    accounts: [newcomer],
  });
});
test.afterAll(async () => {
  await provider?.stop();
});

/** Signs in at the test provider's login form (login = the email; any password). */
async function signInAtProvider(page: Page, email: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(email);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

/** "Sign in with SSO" from the sign-in page, choosing this spec's connection if offered several. */
async function startSso(page: Page, email: string): Promise<void> {
  await page.goto(`${ssoOrigin}/sign-in`);
  await page.getByRole('link', { name: 'Sign in with SSO' }).click();
  await waitForHydration(page);
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Continue with SSO' }).click();
  const choice = page.getByRole('link', { name: new RegExp(connectionName) });
  await expect(page.locator('input[name="login"]').or(choice)).toBeVisible();
  if (await choice.isVisible()) await choice.click();
}

/** The SSO page's "Require SSO" switch, turned on or off by the signed-in owner. */
async function setRequireSso(page: Page, on: boolean): Promise<void> {
  await page.goto('/sso');
  await waitForHydration(page);
  const card = page.getByRole('region', { name: 'Require SSO' });
  if (on) {
    await card.getByRole('checkbox').check();
    await card.getByRole('button', { name: 'Require SSO' }).click();
    await expect(card.getByRole('button', { name: 'Stop requiring SSO' })).toBeVisible();
  } else {
    await card.getByRole('button', { name: 'Stop requiring SSO' }).click();
    await expect(card.getByRole('button', { name: 'Require SSO' })).toBeVisible();
  }
}

test('an owner adds an OIDC connection and a new person signs in through it with the mapped role', async ({
  page,
  freshPage,
}) => {
  await signIn({ page, account: owner });

  await test.step('the organization has claimed its email domain', async () => {
    await page.goto('/sso');
    await waitForHydration(page);
    const claimed = page.getByRole('list', { name: 'Claimed domains' }).getByText('acme.example');
    if (!(await claimed.isVisible())) {
      await page.getByLabel('Claim a domain').fill('acme.example');
      await page.getByRole('button', { name: 'Claim', exact: true }).click();
      await expect(claimed).toBeVisible();
    }
  });

  await test.step('the owner adds the connection; a metadata address is refused on the issuer field', async () => {
    await page.getByRole('link', { name: 'Add OIDC connection' }).click();
    await expect(
      page.getByRole('heading', { name: 'Add OIDC connection', level: 1 }),
    ).toBeVisible();
    await waitForHydration(page);
    await page.getByLabel('Name').fill(connectionName);
    await page.getByLabel('Issuer URL').fill('https://169.254.169.254');
    await page.getByLabel('Client ID').fill(provider.clientId);
    await page.getByLabel('Client secret').fill(provider.clientSecret);
    await page.getByLabel('Role mapping').fill('groups = parapet-admins -> admin');
    await page.getByRole('button', { name: 'Add connection' }).click();
    await expect(page.getByText(/link-local/).first()).toBeVisible();

    await page.getByLabel('Issuer URL').fill(provider.issuer);
    // The secret is never echoed back into the form: it is typed again.
    await page.getByLabel('Client secret').fill(provider.clientSecret);
    await page.getByRole('button', { name: 'Add connection' }).click();
    await expect(page.getByText(`Connection “${connectionName}” added`)).toBeVisible();
    await expect(page.getByTestId('oidc-redirect-uri')).toHaveText(
      new RegExp(`^${baseURL}/api/auth/callback/oidc-[0-9a-f-]{36}$`),
    );
    await saveScreenshot({ page, name: 'identity-oidc-connection-added' });
  });

  await test.step('a person the console has never seen signs in through the IdP and is an admin', async () => {
    const visitor = await freshPage();
    await startSso(visitor, newcomer.email);
    await signInAtProvider(visitor, newcomer.email);
    await expect(visitor.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
    await expect(visitor).toHaveURL(`${ssoOrigin}/`);

    await page.goto('/members');
    const row = page.getByRole('row').filter({ hasText: newcomer.email });
    await expect(row).toContainText('Admin');
  });

  await test.step('with SSO required, a local admin’s password is refused', async () => {
    const link = await inviteMember({ page, email: localAdmin.email, role: 'Admin' });
    const admin = await freshPage();
    await acceptInvite({ page: admin, link, account: localAdmin });
    await setRequireSso(page, true);
    await attemptSignIn({ page: admin, email: localAdmin.email, password: localAdmin.password });
    await expect(admin.getByText('Your organization requires single sign-on.')).toBeVisible();
    await expect(admin).toHaveURL(/\/sign-in/);
  });

  await test.step('the owner’s break-glass password still works, flagged in the activity log', async () => {
    const breakGlass = await freshPage();
    await signIn({ page: breakGlass, account: owner });
    await page.goto('/activity');
    await expect(page.getByText(/break.?glass/i).first()).toBeVisible();
    // Later projects sign in with passwords: leave the installation as it was.
    await setRequireSso(page, false);
  });
});
