import { edgeUrl, waitForEdge } from '../support/agent-cli';
import { startAgentLogin } from '../support/agent-login';
import { expect, test } from '../support/fixtures';
import { saveScreenshot } from '../support/save-screenshot';
import { signIn } from '../support/sign-in';
import { owner } from '../support/test-accounts';

// Device login for people (RFC 8628), as a developer meets it: `parapet-agent login` prints a
// code and the console's /device page; the person opens it, signs in with the organization's
// single sign-on, checks the code and approves while the command waits; the laptop is enrolled
// as them and its next bundle carries their groups.

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
