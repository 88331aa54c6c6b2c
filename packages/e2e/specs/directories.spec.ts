import { expect, test } from '../support/fixtures';
import { saveScreenshot } from '../support/save-screenshot';
import { signIn } from '../support/sign-in';
import { owner } from '../support/test-accounts';
import { waitForHydration } from '../support/wait-for-hydration';

// SCIM provisioning as an owner sets it up: a directory connected in the console (its base URL
// and token shown once), then the IdP's side played by this spec with real SCIM HTTP calls (a
// user, a group with the user in it, Entra-shaped), the group mapped to a policy group in the
// console, and the person seen on the People page with that group from the directory, and the
// requests in the directory's event log. The policy group `research` is the one the
// people-and-simulator spec created.

const userName = 'dana@acme-idp.example';
const scimJson = 'application/scim+json';

test('an owner connects a directory, the IdP provisions a group, and its mapping gives the person the policy group', async ({
  page,
}) => {
  await signIn({ page, account: owner });
  let baseUrl = '';
  let token = '';

  await test.step('the owner creates a directory and sees its base URL and token once', async () => {
    await page.getByRole('link', { name: 'Directories', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Directories', level: 1 })).toBeVisible();
    await waitForHydration(page);
    const form = page.getByRole('region', { name: 'Connect a directory' });
    await form.getByLabel('Name').fill('Entra ID');
    await form.getByRole('button', { name: 'Create directory' }).click();
    await expect(form.getByText('will not be shown again')).toBeVisible();
    await expect(form.getByRole('button', { name: 'Copy bearer token' })).toBeVisible();
    baseUrl = await form.getByLabel('SCIM base URL').inputValue();
    token = await form.getByLabel('Bearer token').inputValue();
    expect(baseUrl).toMatch(/\/scim\/v2\/[0-9a-f-]{36}$/);
    expect(token).toMatch(/^pds_/);
  });

  const scim = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: scimJson,
        ...(body === undefined ? {} : { 'Content-Type': scimJson }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };

  await test.step('the IdP provisions a user and a group with the user in it over SCIM', async () => {
    const user = await scim('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName,
      name: { givenName: 'Dana', familyName: 'Diaz' },
      emails: [{ value: userName, primary: true, type: 'work' }],
      active: true,
    });
    expect(user.status).toBe(201);
    const group = await scim('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Researchers',
    });
    expect(group.status).toBe(201);
    const patched = await scim('PATCH', `/Groups/${group.json.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Add', path: 'members', value: [{ value: user.json.id }] }],
    });
    expect([200, 204]).toContain(patched.status);
  });

  await test.step('the owner maps the IdP group to the research policy group', async () => {
    await page.goto('/directories');
    await page.getByRole('link', { name: 'Entra ID' }).click();
    await expect(page.getByRole('heading', { name: 'Entra ID', level: 1 })).toBeVisible();
    await expect(page.getByTestId('directory-user-count')).toHaveText('1');
    await waitForHydration(page);
    const groups = page.getByRole('region', { name: 'Groups (1)' });
    await expect(groups.getByText('Not mapped')).toBeVisible();
    await groups.getByText('Map', { exact: true }).click();
    await groups.getByRole('checkbox', { name: 'research', exact: true }).check();
    await groups.getByRole('button', { name: 'Save mapping' }).click();
    await expect(groups.getByText('“Researchers” now maps to research.')).toBeVisible();
  });

  await test.step('the person has the group from the directory, and the event log shows the requests', async () => {
    await page.goto(`/people?search=${encodeURIComponent(userName)}`);
    const row = page.getByRole('row').filter({ hasText: userName });
    // The chip of a group held through the directory says so (to screen readers in words).
    const chip = row.getByRole('listitem').filter({ hasText: 'research' });
    await expect(chip).toBeVisible();
    await expect(chip).toHaveText('research (from the directory)');
    await page.goto('/directories');
    await page.getByRole('link', { name: 'Entra ID' }).click();
    const log = page.getByRole('region', { name: 'Event log' });
    await expect(log.getByTestId('directory-event').first()).toBeVisible();
    await expect(log.getByText('POST /Users', { exact: false }).first()).toBeVisible();
    await saveScreenshot({ page, name: 'directory' });
  });
});
