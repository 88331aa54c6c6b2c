import { expect, test } from '../support/fixtures';
import { saveScreenshot } from '../support/save-screenshot';
import { signIn } from '../support/sign-in';
import { auditor, lockoutVictim, organizationName, owner } from '../support/test-accounts';

// Runs after every other spec (see playwright.config.ts), so the log holds what they did.
const expectedEntries: [what: string | RegExp, who: string, target: string][] = [
  ['Set up the organization', owner.email, organizationName],
  ['Signed in', owner.email, owner.email],
  [/^Invited a member/, owner.email, auditor.email],
  [/^Accepted an invite/, auditor.email, auditor.email],
  ['Signed in', auditor.email, auditor.email],
  ['Signed out', auditor.email, auditor.email],
  // The system locks the account: the entry has no person as its actor.
  ['Account locked after 5 failed sign-ins', 'System', lockoutVictim.email],
];

test('the activity log shows what the other specs did, and its chain verifies', async ({
  page,
}) => {
  await signIn({ page, account: owner });
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Activity' })
    .click();
  await expect(page.getByRole('heading', { name: 'Activity', level: 1 })).toBeVisible();
  await expect(page.getByRole('main').getByRole('status')).toHaveText(
    /^Chain verified: all \d+ entries are intact\.$/,
  );

  const rows = page.getByRole('main').getByRole('row');
  const cell = (name: string | RegExp) =>
    page.getByRole('cell', { name, exact: typeof name === 'string' });
  for (const [what, who, target] of expectedEntries) {
    const entry = rows
      .filter({ has: cell(what) })
      .filter({ has: cell(who) })
      .filter({ has: cell(target) });
    await expect(entry.first(), `${who}: ${what}`).toBeVisible();
  }
  // The log starts with the setup: entry #1.
  await expect(rows.filter({ has: cell('1') })).toContainText('Set up the organization');
  await saveScreenshot({ page, name: 'activity' });
});
