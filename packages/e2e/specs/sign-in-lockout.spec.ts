import { expect, test } from '../support/fixtures';
import { acceptInvite, inviteMember } from '../support/invites';
import { saveScreenshot } from '../support/save-screenshot';
import { attemptSignIn, signIn } from '../support/sign-in';
import { lockoutVictim, owner } from '../support/test-accounts';

// Five failures within 15 minutes lock an account for 15 minutes (packages/accounts,
// throttle-policy.ts). The spec locks an account of its own, created through an invite, so the
// owner the other specs sign in as is never locked.
const failuresBeforeLock = 5;
const wrongPassword = 'not the right password';
const incorrect = 'The email or password is incorrect.';
const locked = 'Too many failed sign-in attempts. This account is locked for 15 minutes.';

test('a wrong password is refused, and repeated failures lock the account', async ({
  page: ownerPage,
  freshPage,
}) => {
  const page = await freshPage();
  await test.step('the account exists: invited and accepted', async () => {
    await signIn({ page: ownerPage, account: owner });
    const link = await inviteMember({
      page: ownerPage,
      email: lockoutVictim.email,
      role: 'Auditor',
    });
    await acceptInvite({ page, link, account: lockoutVictim });
  });

  const alert = page.getByRole('main').getByRole('alert');
  await test.step('a wrong password shows an error and keeps the visitor signed out', async () => {
    await attemptSignIn({ page, email: lockoutVictim.email, password: wrongPassword });
    await expect(alert).toHaveText(incorrect);
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByLabel('Email')).toHaveValue(lockoutVictim.email);
    await expect(page.getByLabel('Password')).toHaveValue('');
    await saveScreenshot({ page, name: 'sign-in-error' });
  });

  await test.step(`failure ${failuresBeforeLock} locks the account`, async () => {
    for (let failure = 2; failure < failuresBeforeLock; failure += 1) {
      await attemptSignIn({ page, email: lockoutVictim.email, password: wrongPassword });
      await expect(alert).toHaveText(incorrect);
    }
    await attemptSignIn({ page, email: lockoutVictim.email, password: wrongPassword });
    await expect(alert).toHaveText(locked);
    await saveScreenshot({ page, name: 'sign-in-locked' });
  });

  await test.step('while locked, even the right password is refused', async () => {
    await attemptSignIn({ page, ...lockoutVictim });
    await expect(alert).toHaveText(locked);
    await page.goto('/');
    await expect(page).toHaveURL('/sign-in');
  });

  await test.step('the lock is on that account only: the owner still signs in', async () => {
    const other = await freshPage();
    await signIn({ page: other, account: owner });
  });
});
