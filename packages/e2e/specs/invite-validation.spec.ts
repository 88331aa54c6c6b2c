import { expectFieldError } from '../support/field-errors';
import { expect, test } from '../support/fixtures';
import { submitInvite } from '../support/invites';
import { pendingInvites } from '../support/member-rows';
import { saveScreenshot } from '../support/save-screenshot';
import { captureServerAction, replayServerAction } from '../support/server-actions';
import { signIn } from '../support/sign-in';
import { owner } from '../support/test-accounts';
import { waitForHydration } from '../support/wait-for-hydration';

const badInvites: [problem: string, email: string, message: string][] = [
  ['an empty email', '', 'Enter an email address.'],
  [
    'a malformed email',
    'dana-at-acme.example',
    'Enter a valid email address, like name@example.com.',
  ],
  [
    'an oversized email',
    `${'d'.repeat(250)}@acme.example`,
    'An email address has at most 254 characters.',
  ],
  ['the email of a member', owner.email, 'This person is already a member.'],
];

test.describe('inviting with bad input', () => {
  test.beforeEach(async ({ page }) => {
    await signIn({ page, account: owner });
    await page.goto('/members');
  });

  for (const [problem, email, message] of badInvites) {
    test(`${problem} shows a field error and invites no one`, async ({ page }) => {
      const invites = pendingInvites(page).getByRole('listitem');
      const before = await invites.count();
      await submitInvite({ page, email, role: 'Auditor' });
      const form = page.getByRole('region', { name: 'Invite a member' });
      await expectFieldError({ field: form.getByLabel('Email'), message });
      await expect(form.getByRole('textbox', { name: 'Invite link' })).toHaveCount(0);
      if (problem === 'a malformed email') await saveScreenshot({ page, name: 'invite-errors' });
      await page.reload();
      await expect(invites).toHaveCount(before);
    });
  }

  test('a forged role is refused, in the browser and by the server', async ({ page }) => {
    await waitForHydration(page);
    const form = page.getByRole('region', { name: 'Invite a member' });
    const role = form.getByLabel('Role', { exact: true });
    // Someone edits the page so the form posts a role the console does not offer.
    await role.evaluate((select: HTMLSelectElement) => {
      const option = select.selectedOptions[0];
      if (option) option.value = 'superuser';
    });
    await form.getByLabel('Email').fill('dana@acme.example');
    await form.getByRole('button', { name: 'Create invite' }).click();
    await expectFieldError({ field: role, message: 'Choose one of the listed roles.' });

    // The server does not rely on the browser's check: the same post, sent directly.
    await page.reload();
    const invite = await captureServerAction({
      page,
      deliver: false,
      act: () => submitInvite({ page, email: 'dana@acme.example', role: 'Auditor' }),
    });
    const replay = await replayServerAction({
      request: page.request,
      action: invite,
      changes: { role: 'superuser' },
    });
    expect(replay.result).toMatchObject({
      status: 'error',
      code: 'INVALID_INPUT',
      fieldErrors: { role: ['Choose one of the listed roles.'] },
    });
    await page.goto('/members');
    await expect(pendingInvites(page)).not.toContainText('dana@acme.example');
  });
});

const unusableLinks: [problem: string, token: string][] = [
  ['a malformed token', 'not-a-token'],
  ['a well-formed token nobody issued', 'A'.repeat(43)],
];

for (const [problem, token] of unusableLinks) {
  test(`an invite link with ${problem} says it is not valid`, async ({ page }) => {
    await page.goto(`/invite/${token}`);
    await expect(
      page.getByRole('heading', { name: 'This invite cannot be used', level: 1 }),
    ).toBeVisible();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(
      'This invite link is not valid.',
    );
    await expect(page.getByRole('link', { name: 'Go to sign in' })).toHaveAttribute(
      'href',
      '/sign-in',
    );
  });
}
