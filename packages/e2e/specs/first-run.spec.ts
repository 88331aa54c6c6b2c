import { expectFieldError, expectFieldValid } from '../support/field-errors';
import { expect, test } from '../support/fixtures';
import { saveScreenshot } from '../support/save-screenshot';
import {
  type CapturedAction,
  captureServerAction,
  replayServerAction,
} from '../support/server-actions';
import { fillSetup, type SetupValues, setupFields, submitSetup } from '../support/setup-form';
import { signIn, submitSignIn } from '../support/sign-in';
import { organizationName, owner } from '../support/test-accounts';

// A fresh installation has no owner. These specs run first (see playwright.config.ts) and in
// order: the bad-input cases need the setup page, the last ones need it gone.
test.describe.configure({ mode: 'serial' });

const validSetup: SetupValues = {
  organizationName,
  name: owner.name,
  email: owner.email,
  password: owner.password,
  confirmPassword: owner.password,
};

type FieldName = keyof SetupValues;

const badSetupInput: [string, Partial<SetupValues>, Partial<Record<FieldName, string>>][] = [
  [
    'every required field empty',
    { organizationName: '', name: '', email: '', password: '', confirmPassword: '' },
    {
      organizationName: 'Enter the organization name.',
      email: 'Enter an email address.',
      password: 'Use at least 12 characters.',
    },
  ],
  [
    'oversized organization name and name',
    { organizationName: 'A'.repeat(121), name: 'N'.repeat(121) },
    { organizationName: 'Use at most 120 characters.', name: 'Use at most 120 characters.' },
  ],
  [
    'a malformed email',
    { email: 'olivia-at-acme.example' },
    { email: 'Enter a valid email address, like name@example.com.' },
  ],
  [
    'an oversized email',
    { email: `${'o'.repeat(250)}@acme.example` },
    { email: 'An email address has at most 254 characters.' },
  ],
  [
    'an oversized password',
    { password: 'p'.repeat(201), confirmPassword: 'p'.repeat(201) },
    { password: 'Use at most 200 characters.' },
  ],
  [
    'passwords that do not match',
    { confirmPassword: `${owner.password}!` },
    { confirmPassword: 'The two passwords do not match.' },
  ],
];

test('a fresh installation sends every visitor to the setup page', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL('/setup');
  await expect(page.getByRole('heading', { name: 'Set up Parapet', level: 1 })).toBeVisible();
  await saveScreenshot({ page, name: 'setup' });
});

for (const [problem, values, errors] of badSetupInput) {
  test(`setup with ${problem} shows field errors and creates nothing`, async ({ page }) => {
    await page.goto('/setup');
    await submitSetup({ page, values: { ...validSetup, ...values } });
    const fields = setupFields(page);
    for (const name of Object.keys(fields) as FieldName[]) {
      const message = errors[name];
      if (message) await expectFieldError({ field: fields[name], message });
      else await expectFieldValid({ field: fields[name] });
    }
    if (problem === 'every required field empty') {
      await saveScreenshot({ page, name: 'setup-field-errors' });
    }
    // Nothing was created: the setup page is still there.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Set up Parapet', level: 1 })).toBeVisible();
  });
}

test('without JavaScript, the server checks setup input the same way', async ({ freshPage }) => {
  // The browser checks a form before sending it; with JavaScript off, the form posts as plain
  // HTML and what shows is the server's own check, the one that counts.
  const page = await freshPage({ javaScriptEnabled: false });
  await page.goto('/setup');
  await fillSetup({
    page,
    values: { ...validSetup, organizationName: ' ', email: 'not an email' },
  });
  await page.getByRole('button', { name: 'Create organization' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'Please correct the highlighted fields.',
  );
  const fields = setupFields(page);
  await expectFieldError({
    field: fields.organizationName,
    message: 'Enter the organization name.',
  });
  await expectFieldError({
    field: fields.email,
    message: 'Enter a valid email address, like name@example.com.',
  });
  await page.goto('/setup');
  await expect(page.getByRole('heading', { name: 'Set up Parapet', level: 1 })).toBeVisible();
});

let setupAction: CapturedAction | undefined;

test('the first owner sets up the organization and signs in', async ({ page }) => {
  await page.goto('/setup');
  setupAction = await captureServerAction({
    page,
    deliver: true,
    act: () => submitSetup({ page, values: validSetup }),
  });
  await expect(page).toHaveURL('/sign-in?notice=setup');
  await expect(page.getByRole('main').getByRole('status')).toHaveText(
    'Your organization is ready. Sign in with the owner account you just created.',
  );
  await saveScreenshot({ page, name: 'sign-in' });

  await signIn({ page, account: owner });
  const main = page.getByRole('main');
  await expect(main).toMatchAriaSnapshot(`
    - term: Organization
    - definition: ${organizationName}
    - term: Members
    - definition: "1"
    - term: Your role
    - definition:
      - text: Owner
  `);
  await expect(page.getByRole('complementary')).toContainText(owner.email);
  await saveScreenshot({ page, name: 'overview' });
});

test('once an owner exists, /setup is gone', async ({ page }) => {
  const response = await page.goto('/setup');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found', level: 1 })).toBeVisible();
  await saveScreenshot({ page, name: 'not-found' });
  // A visitor who is not signed in now lands on sign-in instead.
  await page.goto('/');
  await expect(page).toHaveURL('/sign-in');
});

test('posting the setup form again is refused and creates no second owner', async ({ page }) => {
  if (!setupAction) throw new Error('The setup spec did not capture the setup action.');
  const intruder = { email: 'mallory@evil.example', password: 'mallory password 1234' };
  const replay = await replayServerAction({
    request: page.request,
    action: setupAction,
    changes: {
      organizationName: 'Evil Corp',
      email: intruder.email,
      password: intruder.password,
      confirmPassword: intruder.password,
    },
  });
  expect(replay.result).toMatchObject({
    status: 'error',
    code: 'SETUP_COMPLETE',
    message: 'Parapet is already set up. Sign in instead.',
  });
  expect(replay.redirect).toBeUndefined();

  await page.goto('/sign-in');
  await submitSignIn({ page, ...intruder });
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'The email or password is incorrect.',
  );
});
