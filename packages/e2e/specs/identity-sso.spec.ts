import { type StartedSamlIdp, startSamlIdp } from '@parapet/identity/testing';
import type { Page } from '@playwright/test';
import { e2eBaseUrl } from '../support/base-url';
import { expect, test } from '../support/fixtures';
import { acceptInvite, inviteMember } from '../support/invites';
import { saveScreenshot } from '../support/save-screenshot';
import { attemptSignIn, signIn } from '../support/sign-in';
import { owner, type TestAccount } from '../support/test-accounts';
import { waitForHydration } from '../support/wait-for-hydration';

// SAML single sign-on as an owner sets it up and a new colleague meets it: the real saml-idp
// runs on loopback; the owner pastes its metadata into the console, claims acme.example and maps
// the IdP's `parapet-admins` group to Admin; a person the console has never seen signs in
// through it in Chromium and lands as an admin. Then, with "Require SSO" on, a local admin's
// password is refused and the owner's break-glass password still works, flagged in the activity
// log. It ends with "Require SSO" off, as the later projects expect; the domain and the
// connection stay (identity-oidc adds its own beside it).

const baseURL = e2eBaseUrl;
const connectionName = 'Acme SAML';
const newcomer = { email: 'sasha@acme.example', groups: ['parapet-admins'] };
const localAdmin: TestAccount = {
  name: 'Adam Admin',
  email: 'adam@acme.example',
  password: 'adam password 1234',
};

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

test('an owner adds a SAML connection and a new person signs in through it with the mapped role', async ({
  page,
  freshPage,
}) => {
  await signIn({ page, account: owner });

  await test.step('the owner pastes the IdP metadata and sees the values to give the IdP', async () => {
    await page.goto('/sso');
    await waitForHydration(page);
    const form = page.getByRole('region', { name: 'Add SAML connection' });
    await form.getByLabel('Name').fill(connectionName);
    await form.getByLabel('IdP metadata XML').fill(await idp.metadataXml());
    await form.getByLabel('Role mapping').fill('groups = parapet-admins -> admin');
    await form.getByRole('button', { name: 'Add SAML connection' }).click();
    await expect(page.getByRole('heading', { name: connectionName, level: 1 })).toBeVisible();
    await expect(page.getByTestId('ACS URL (single sign-on URL)')).toHaveText(
      `${baseURL}/api/sso/saml/acs`,
    );
    await expect(page.getByTestId('SP entity ID (audience)')).toHaveText(
      `${baseURL}/api/sso/saml/metadata`,
    );
    await saveScreenshot({ page, name: 'identity-sso-connection' });
  });

  await test.step('the organization claims its email domain', async () => {
    await page.goto('/sso');
    await waitForHydration(page);
    const claimed = page.getByRole('list', { name: 'Claimed domains' }).getByText('acme.example');
    if (!(await claimed.isVisible())) {
      await page.getByLabel('Claim a domain').fill('acme.example');
      await page.getByRole('button', { name: 'Claim', exact: true }).click();
      await expect(claimed).toBeVisible();
    }
  });

  await test.step('a person the console has never seen signs in through the IdP and is an admin', async () => {
    const visitor = await freshPage();
    await visitor.goto('/sign-in');
    await visitor.getByRole('link', { name: 'Sign in with SSO' }).click();
    await waitForHydration(visitor);
    await visitor.getByLabel('Work email').fill(newcomer.email);
    await visitor.getByRole('button', { name: 'Continue with SSO' }).click();
    // saml-idp's own page: who to be, then "Sign in" posts the signed response back.
    await expect(visitor).toHaveURL(new RegExp(`^${idp.url}/saml/sso`));
    await visitor.locator('#userName').fill(newcomer.email);
    await visitor.locator('#email').fill(newcomer.email);
    // The groups field is a tags input (bootstrap-tagsinput): add the groups through it.
    await visitor.locator('#groups').evaluate((input, groups) => {
      const jquery = (
        window as unknown as {
          $?: (target: Element) => { tagsinput: (command: string, value: string) => void };
        }
      ).$;
      for (const group of groups) {
        if (jquery) jquery(input).tagsinput('add', group);
        else (input as HTMLInputElement).value = groups.join(',');
      }
    }, newcomer.groups);
    await visitor.locator('#btn-sign-in').click();
    await expect(visitor.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
    await expect(visitor).toHaveURL(`${baseURL}/`);

    await page.goto('/members');
    await expect(page.getByRole('row').filter({ hasText: newcomer.email })).toContainText('Admin');
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
    await expect(page.getByText(/break-glass sign-in/i).first()).toBeVisible();
    await saveScreenshot({ page, name: 'identity-sso-break-glass' });
    // Later projects sign in with passwords: leave the installation as it was.
    await setRequireSso(page, false);
  });
});
