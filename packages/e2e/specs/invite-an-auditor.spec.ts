import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { inviteMember, submitInvite, submitInviteAcceptance } from '../support/invites';
import { memberRow, memberRows, pendingInvites } from '../support/member-rows';
import { saveScreenshot } from '../support/save-screenshot';
import {
  type CapturedAction,
  capturedField,
  captureServerAction,
  replayServerAction,
} from '../support/server-actions';
import { signIn } from '../support/sign-in';
import { auditor, organizationName, owner } from '../support/test-accounts';

const pendingEmail = 'pending@acme.example';

test('the owner invites an auditor, who joins, can look but not change, and signs out', async ({
  page: ownerPage,
  freshPage,
}) => {
  let inviteLink = '';
  await test.step('the owner invites an auditor and gets a one-time link', async () => {
    await signIn({ page: ownerPage, account: owner });
    inviteLink = await inviteMember({ page: ownerPage, email: auditor.email, role: 'Auditor' });
    await expect(pendingInvites(ownerPage)).toContainText(auditor.email);
    await saveScreenshot({ page: ownerPage, name: 'members' });
  });

  const auditorPage = await freshPage();
  let acceptance: CapturedAction | undefined;
  await test.step('the auditor accepts the invite in a browser of their own', async () => {
    await auditorPage.goto(inviteLink);
    await expect(
      auditorPage.getByRole('heading', { name: `Join ${organizationName}`, level: 1 }),
    ).toBeVisible();
    await expect(auditorPage.getByRole('main')).toContainText(
      `You are invited as Auditor with ${auditor.email}.`,
    );
    await saveScreenshot({ page: auditorPage, name: 'invite-acceptance' });
    acceptance = await captureServerAction({
      page: auditorPage,
      deliver: true,
      act: () => submitInviteAcceptance({ page: auditorPage, account: auditor }),
    });
    await expect(auditorPage).toHaveURL('/sign-in?notice=invite');
    await signIn({ page: auditorPage, account: auditor });
    await expect(auditorPage.getByRole('main')).toMatchAriaSnapshot(`
      - term: Your role
      - definition:
        - text: Auditor
    `);
  });

  await test.step('the invite link cannot be used twice', async () => {
    const again = await freshPage();
    await again.goto(inviteLink);
    await expect(
      again.getByRole('heading', { name: 'This invite cannot be used', level: 1 }),
    ).toBeVisible();
    await expect(again.getByRole('main').getByRole('alert')).toHaveText(
      'This invite has already been used. Sign in instead.',
    );
    await saveScreenshot({ page: again, name: 'invite-used' });
    if (!acceptance) throw new Error('The acceptance was not captured.');
    // Posting the acceptance form again, as someone who kept the page open would.
    const replay = await replayServerAction({
      request: again.request,
      action: acceptance,
      changes: { name: 'Second Arthur' },
    });
    expect(replay.result).toMatchObject({
      status: 'error',
      code: 'INVITE_UNUSABLE',
      message: 'This invite has already been used. Sign in instead.',
    });
  });

  await test.step('the auditor sees the members but no controls to change them', async () => {
    // A pending invite gives the auditor something to try to revoke.
    await inviteMember({ page: ownerPage, email: pendingEmail, role: 'Admin' });
    await auditorPage.goto('/members');
    await expect(memberRows(auditorPage)).toHaveCount(2);
    await expect(memberRow({ page: auditorPage, email: owner.email })).toContainText('Owner');
    await expect(memberRow({ page: auditorPage, email: auditor.email })).toContainText('Auditor');
    await expect(pendingInvites(auditorPage)).toContainText(pendingEmail);
    const main = auditorPage.getByRole('main');
    await expect(main.getByRole('region', { name: 'Invite a member' })).toHaveCount(0);
    await expect(main.getByRole('combobox')).toHaveCount(0);
    await expect(main.getByRole('button')).toHaveCount(0);
    await saveScreenshot({ page: auditorPage, name: 'members-as-auditor' });
  });

  let orgId = '';
  await test.step('every change the auditor posts anyway is refused by the server', async () => {
    const changes = await captureOwnerChanges({ page: ownerPage, auditorEmail: auditor.email });
    orgId = capturedField({ action: changes.invite, name: 'orgId' });
    for (const [change, action] of Object.entries(changes)) {
      const replay = await replayServerAction({ request: auditorPage.request, action });
      expect(replay.result, change).toMatchObject({
        status: 'error',
        code: 'FORBIDDEN',
        message: 'Your role (Auditor) cannot do this; it needs Admin or above.',
      });
    }
  });

  await test.step('nothing changed', async () => {
    await ownerPage.goto('/members');
    await expect(memberRows(ownerPage)).toHaveCount(2);
    await expect(memberRow({ page: ownerPage, email: auditor.email })).toContainText('Auditor');
    await expect(
      ownerPage.getByRole('combobox', { name: `Role for ${auditor.email}` }),
    ).toHaveValue('auditor');
    await expect(pendingInvites(ownerPage).getByRole('listitem')).toHaveCount(1);
    await expect(pendingInvites(ownerPage)).toContainText(pendingEmail);
    await expect(ownerPage.getByRole('main')).not.toContainText('mallory@evil.example');
  });

  await test.step('signing out ends the session for good', async () => {
    await auditorPage.goto('/account');
    await expect(auditorPage.getByRole('main')).toContainText(auditor.email);
    await saveScreenshot({ page: auditorPage, name: 'account' });
    const activityApi = `/api/activity?orgId=${orgId}`;
    expect((await auditorPage.request.get(activityApi)).status()).toBe(200);
    const cookies = await auditorPage.context().cookies();

    // One Sign out button on the page (in the sidebar), not one there and another in a card.
    await auditorPage.getByRole('button', { name: 'Sign out' }).click();
    await expect(auditorPage).toHaveURL('/sign-in?notice=signed-out');
    await expect(auditorPage.getByRole('main').getByRole('status')).toHaveText(
      'You are signed out.',
    );
    await auditorPage.goto('/members');
    await expect(auditorPage).toHaveURL('/sign-in');

    // The old session cookie, replayed from another browser, opens nothing either.
    const replayer = await freshPage();
    await replayer.context().addCookies(cookies);
    await replayer.goto('/members');
    await expect(replayer).toHaveURL('/sign-in');
    const refused = await replayer.request.get(activityApi);
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });
});

type OwnerChange = 'invite' | 'change role' | 'remove' | 'revoke invite';

/**
 * Takes, from the owner's members page, the recipe of each change an auditor must not make:
 * invite someone, promote the auditor, remove the auditor, revoke the pending invite. Each
 * request is captured and aborted, so the owner changes nothing.
 */
async function captureOwnerChanges({
  page,
  auditorEmail,
}: {
  page: Page;
  auditorEmail: string;
}): Promise<Record<OwnerChange, CapturedAction>> {
  const capture = async (act: () => Promise<void>) => {
    await page.goto('/members');
    return captureServerAction({ page, deliver: false, act });
  };
  return {
    invite: await capture(() =>
      submitInvite({ page, email: 'mallory@evil.example', role: 'Owner' }),
    ),
    'change role': await capture(async () => {
      await page.getByRole('combobox', { name: `Role for ${auditorEmail}` }).selectOption('admin');
      await page.getByRole('button', { name: `Save role for ${auditorEmail}` }).click();
    }),
    remove: await capture(async () => {
      await page.getByRole('button', { name: `Remove ${auditorEmail}` }).click();
      await page.getByRole('button', { name: `Confirm removing ${auditorEmail}` }).click();
    }),
    'revoke invite': await capture(() =>
      page.getByRole('button', { name: `Revoke invite for ${pendingEmail}` }).click(),
    ),
  };
}
