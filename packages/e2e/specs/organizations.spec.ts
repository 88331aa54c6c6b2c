import { expect, type Page } from '@playwright/test';
import { test } from '../support/fixtures';
import { inviteMember, submitInviteAcceptance } from '../support/invites';
import { runOperatorCli } from '../support/operator-cli';
import { saveScreenshot } from '../support/save-screenshot';
import { signIn } from '../support/sign-in';
import { organizationName, owner, type TestAccount } from '../support/test-accounts';
import { waitForHydration } from '../support/wait-for-hydration';

const secondOrg = 'Globex';
const gina: TestAccount = {
  name: 'Gina Globex',
  email: 'gina@globex.example',
  password: 'gina password 1234',
};

/** The organization switcher under the product name. */
function switcher(page: Page) {
  return page.locator('summary[aria-label^="Organization:"]');
}

/** Opens the organization switcher and picks `name`; waits for that organization's overview. */
async function switchTo(page: Page, name: string): Promise<void> {
  await waitForHydration(page);
  await switcher(page).click();
  const list = page.getByRole('list', { name: 'Your organizations' });
  await list.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(switcher(page)).toContainText(name);
}

test('the operator creates an organization; its owner also joins the first and switches between them', async ({
  page,
  freshPage,
  baseURL,
}) => {
  let ownerLink = '';
  await test.step('the operator creates Globex from the command line', async () => {
    const run = await runOperatorCli(
      ['org', 'create', '--name', secondOrg, '--owner', gina.email],
      baseURL ?? '',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    ownerLink = run.stdout.match(/^http\S+\/invite\/[A-Za-z0-9_-]{43}$/m)?.[0] ?? '';
    expect(ownerLink, run.stdout).not.toBe('');
  });

  await test.step('the new owner opens the printed link and creates their account', async () => {
    await page.goto(ownerLink);
    await expect(page.getByRole('heading', { name: `Join ${secondOrg}`, level: 1 })).toBeVisible();
    await submitInviteAcceptance({ page, account: gina });
    await expect(page).toHaveURL('/sign-in?notice=invite');
  });

  await test.step(`the owner of ${organizationName} invites them as an auditor; they join with their account`, async () => {
    const ownerPage = await freshPage();
    await signIn({ page: ownerPage, account: owner });
    const link = await inviteMember({ page: ownerPage, email: gina.email, role: 'Auditor' });
    await page.goto(link);
    await waitForHydration(page);
    await page.getByLabel('Password of your existing account').fill(gina.password);
    await page.getByRole('button', { name: 'Sign in and join' }).click();
    await expect(page).toHaveURL('/sign-in?notice=invite-joined');
  });

  await test.step('signed in, they see their first organization and only its members', async () => {
    await signIn({ page, account: gina });
    await expect(switcher(page)).toContainText(secondOrg);
    await page.goto('/members');
    await expect(page.getByRole('main')).toContainText(gina.email);
    await expect(page.getByRole('main')).not.toContainText(owner.email);
  });

  await test.step(`they switch to ${organizationName}, where they are an auditor`, async () => {
    await page.goto('/');
    await waitForHydration(page);
    await switcher(page).click();
    const list = page.getByRole('list', { name: 'Your organizations' });
    await expect(list.getByRole('button', { name: `${secondOrg} Owner` })).toBeVisible();
    await expect(list.getByRole('button', { name: `${organizationName} Auditor` })).toBeVisible();
    await saveScreenshot({ page, name: 'organization-switcher' });
    await switcher(page).click();
    await switchTo(page, organizationName);
    await page.goto('/members');
    await expect(page.getByRole('main')).toContainText(owner.email);
    await expect(page.getByRole('region', { name: 'Invite a member' })).toHaveCount(0);
  });

  await test.step(`and back to ${secondOrg}, whose data is its own`, async () => {
    await page.goto('/');
    await switchTo(page, secondOrg);
    await page.goto('/members');
    await expect(page.getByRole('main')).not.toContainText(owner.email);
    await page.goto('/people');
    await expect(page.getByText('No people yet')).toBeVisible();
    await page.goto('/devices');
    await expect(page.getByText('No devices yet')).toBeVisible();
  });
});
