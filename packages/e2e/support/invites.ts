import { expect, type Page } from '@playwright/test';
import type { TestAccount } from './test-accounts';
import { waitForHydration } from './wait-for-hydration';

export type InviteRole = 'Owner' | 'Admin' | 'Auditor';

/**
 * Fills the "Invite a member" form on the members page (the page must be open) and sends it.
 * The outcome is left to the caller.
 */
export async function submitInvite({
  page,
  email,
  role,
}: {
  page: Page;
  email: string;
  role: InviteRole;
}): Promise<void> {
  await waitForHydration(page);
  const form = page.getByRole('region', { name: 'Invite a member' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Role', { exact: true }).selectOption({ label: role });
  await form.getByRole('button', { name: 'Create invite' }).click();
}

/** Invites someone as the signed-in member and returns the invite link the console shows once. */
export async function inviteMember({
  page,
  email,
  role,
}: {
  page: Page;
  email: string;
  role: InviteRole;
}): Promise<string> {
  await page.goto('/members');
  await submitInvite({ page, email, role });
  await expect(page.getByText(`Invite link for ${email} (${role})`)).toBeVisible();
  const link = await page.getByRole('textbox', { name: 'Invite link' }).inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return link;
}

/** Fills the invite acceptance form (the invite page must be open) and sends it. */
export async function submitInviteAcceptance({
  page,
  account,
}: {
  page: Page;
  account: TestAccount;
}): Promise<void> {
  await waitForHydration(page);
  await page.getByLabel('Your name').fill(account.name);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByLabel('Repeat password').fill(account.password);
  await page.getByRole('button', { name: 'Create account and join' }).click();
}

/** Opens an invite link, accepts it, and waits for the sign-in page that follows. */
export async function acceptInvite({
  page,
  link,
  account,
}: {
  page: Page;
  link: string;
  account: TestAccount;
}): Promise<void> {
  await page.goto(link);
  await submitInviteAcceptance({ page, account });
  await expect(page).toHaveURL('/sign-in?notice=invite');
  await expect(page.getByRole('status')).toHaveText(
    'Your account is ready. Sign in with your email and new password.',
  );
}
