import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { acceptInvite, inviteMember } from '../support/invites';
import { saveScreenshot } from '../support/save-screenshot';
import { signIn } from '../support/sign-in';
import { owner, type TestAccount } from '../support/test-accounts';
import { waitForHydration } from '../support/wait-for-hydration';

// The accounts of this spec, invited by the owner: an admin authors the policy (admins edit the
// baseline and groups and publish, but not the guardrails) and an auditor only reads it.
const policyAdmin: TestAccount = {
  name: 'Ada Admin',
  email: 'ada@acme.example',
  password: 'admin password 1234',
};
const policyAuditor: TestAccount = {
  name: 'Otto Observer',
  email: 'otto@acme.example',
  password: 'observer password 1234',
};

const group = 'engineering';

// A policy test of the group that fails while the group allows github.com.
const failingTest = [
  'tests:',
  '  - name: engineers reach github',
  `    groups: [${group}]`,
  '    request: { surface: network, host: github.com, port: 443 }',
  '    expect: deny',
  '',
].join('\n');

test('an admin authors a group, passes the publish gate, diffs and rolls back; others are kept read-only', async ({
  page: ownerPage,
  freshPage,
}) => {
  const page = await freshPage();
  const auditorPage = await freshPage();
  await test.step('the owner brings in an admin and an auditor', async () => {
    await signIn({ page: ownerPage, account: owner });
    for (const [account, role, accountPage] of [
      [policyAdmin, 'Admin', page],
      [policyAuditor, 'Auditor', auditorPage],
    ] as const) {
      const link = await inviteMember({ page: ownerPage, email: account.email, role });
      await acceptInvite({ page: accountPage, link, account });
      await signIn({ page: accountPage, account });
    }
  });

  await test.step('the admin creates a group', async () => {
    await page.goto('/policy');
    await expect(page.getByRole('heading', { name: 'Policy', level: 1 })).toBeVisible();
    await waitForHydration(page);
    const form = page.getByRole('region', { name: 'Create a group' });
    await form.getByLabel('Name').fill(group);
    await form.getByLabel('Description (optional)').fill('Developers’ agents');
    await form.getByRole('button', { name: 'Create group' }).click();
    await expect(page.getByText(`Group “${group}” created.`)).toBeVisible();
    await saveScreenshot({ page, name: 'policy' });
    await page.getByRole('link', { name: 'Edit its rules' }).click();
    await expect(page.getByRole('heading', { name: `Group ${group}`, level: 1 })).toBeVisible();
  });

  await test.step('adds a network rule, with an inline error for a bad host', async () => {
    await waitForHydration(page);
    await page.getByRole('button', { name: 'Add network rule' }).click();
    const rule = ruleRow(page, 'network');
    await setRuleId(rule, 'github');
    const hosts = page
      .getByRole('listitem', { name: 'network rule github' })
      .getByLabel('Hosts', { exact: true });
    await hosts.fill('https://github.com/');
    await expect(hosts).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(/^https:\/\/github\.com\/: /)).toBeVisible();
    await saveScreenshot({ page, name: 'policy-editor-inline-error' });
    await hosts.fill('github.com');
    await hosts.press('Enter');
    await expect(hosts).not.toHaveAttribute('aria-invalid', 'true');
  });

  await test.step('adds an MCP rule', async () => {
    await page.getByRole('button', { name: 'Add MCP server rule' }).click();
    const rule = ruleRow(page, 'mcp');
    await setRuleId(rule, 'github-mcp');
    const url = page
      .getByRole('listitem', { name: 'mcp rule github-mcp' })
      .getByLabel('Server URL');
    await url.fill('https://api.githubcopilot.com/mcp/');
    await url.press('Enter');
    await saveScreenshot({ page, name: 'policy-editor-rules' });
  });

  await test.step('switches to the source, adds a test, and back: nothing is lost', async () => {
    await page.getByRole('tab', { name: 'Source' }).click();
    const source = page.locator('.cm-content');
    await expect(source).toContainText('id: github');
    await expect(source).toContainText('hosts: [github.com]');
    await expect(source).toContainText('https://api.githubcopilot.com/mcp/');
    await source.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText(`\n${failingTest}`);
    await expect(source).toContainText('expect: deny');
    await saveScreenshot({ page, name: 'policy-editor-source' });
    await page.getByRole('tab', { name: 'Rules' }).click();
    await expect(page.getByRole('listitem', { name: 'network rule github' })).toContainText(
      'github.com',
    );
    await expect(
      page.getByRole('listitem', { name: 'mcp rule github-mcp' }).getByLabel('Server URL'),
    ).toHaveValue('https://api.githubcopilot.com/mcp/');
    await saveDraft(page);
  });

  await test.step('publishing is refused, showing the failing test', async () => {
    await page.goto('/policy');
    await publish(page, 'Engineering reaches GitHub');
    const refusal = page.getByRole('region', { name: 'Why the publish was refused' });
    await expect(refusal).toContainText('Not published: 1 policy test fails');
    await expect(refusal).toContainText('test “engineers reach github”');
    await expect(refusal).toContainText(/Expected\s*deny/);
    await expect(refusal).toContainText(/Actual\s*allow/);
    await expect(refusal).toContainText('ruleId github');
    await saveScreenshot({ page, name: 'policy-publish-refused' });
  });

  await test.step('the test is fixed and version 1 is published', async () => {
    await page
      .getByRole('link', { name: `Group ${group}` })
      .first()
      .click();
    await waitForHydration(page);
    await page.getByRole('tab', { name: 'Source' }).click();
    await page.locator('.cm-line', { hasText: 'expect: deny' }).click();
    await page.keyboard.press('End');
    for (let count = 0; count < 'deny'.length; count += 1) await page.keyboard.press('Backspace');
    await page.keyboard.insertText('allow');
    await saveDraft(page);
    await page.goto('/policy');
    await publish(page, 'Engineering reaches GitHub');
    await expect(page.getByText('Published version 1.')).toBeVisible();
  });

  await test.step('an edit becomes version 2', async () => {
    await page.goto(`/policy/groups/${group}`);
    await waitForHydration(page);
    const hosts = page
      .getByRole('listitem', { name: 'network rule github' })
      .getByLabel('Hosts', { exact: true });
    await hosts.fill('docs.github.com');
    await hosts.press('Enter');
    await saveDraft(page);
    await page.goto('/policy');
    await publish(page, 'Engineering reads the GitHub docs');
    await expect(page.getByText('Published version 2.')).toBeVisible();
  });

  await test.step('a save over a newer revision is refused, and the typed text survives a reload', async () => {
    await page.goto(`/policy/groups/${group}`);
    await waitForHydration(page);
    const description = page
      .getByRole('listitem', { name: 'network rule github' })
      .getByLabel('Description', { exact: true });
    await description.fill('Source hosting');
    await description.press('Enter');
    // Meanwhile the owner saves the same group from another browser.
    await ownerPage.goto(`/policy/groups/${group}`);
    await waitForHydration(ownerPage);
    const ownerHosts = ownerPage
      .getByRole('listitem', { name: 'network rule github' })
      .getByLabel('Hosts', { exact: true });
    await ownerHosts.fill('gist.github.com');
    await ownerHosts.press('Enter');
    await saveDraft(ownerPage);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'after the revision' })).toContainText(
      `saved by ${owner.email}`,
    );
    await saveScreenshot({ page, name: 'policy-editor-stale' });
    await page.getByRole('button', { name: 'Load the newer revision, keeping my text' }).click();
    await expect(
      page.getByText(/^Loaded revision \d+, saved by olivia@acme\.example/),
    ).toBeVisible();
    await expect(page.getByText('Unsaved changes', { exact: true })).toBeVisible();
    await expect(description).toHaveValue('Source hosting');
    await saveDraft(page);
  });

  await test.step('the v1 → v2 diff shows the changed rule beside the text', async () => {
    await page.goto('/policy/versions');
    const changes = page.getByRole('region', { name: 'Changes from version 1 to version 2' });
    const groupChanges = changes.getByRole('region', { name: `Changes to Group ${group}` });
    await expect(groupChanges).toContainText('~ Changed rule github (hosts)');
    await expect(groupChanges).toContainText(
      'hosts: ["github.com"] → ["github.com","docs.github.com"]',
    );
    await expect(groupChanges).toContainText(/\+\s*hosts: \[github\.com, docs\.github\.com\]/);
    await saveScreenshot({ page, name: 'policy-versions' });
  });

  await test.step('the admin rolls back to version 1', async () => {
    await waitForHydration(page);
    await page.getByRole('button', { name: 'Roll back to v1' }).click();
    await page.getByLabel('Why roll back?').fill('Back to v1: the docs rule was not reviewed');
    await page.getByRole('button', { name: 'Confirm rollback to v1' }).click();
    await expect(
      page.getByText('Published version 3 with the content of version 1.'),
    ).toBeVisible();
    await page.goto('/policy/versions');
    await expect(page.getByText('Rolled back to the content of v1')).toBeVisible();
  });

  await test.step('the auditor sees everything and can change nothing', async () => {
    await auditorPage.goto('/policy');
    const main = auditorPage.getByRole('main');
    await expect(main).toContainText(
      'You can read every document and version, but changing the policy takes an admin or owner.',
    );
    await expect(main).toContainText('Version 3');
    await expect(main.getByRole('button')).toHaveCount(0);
    await expect(main.getByRole('textbox')).toHaveCount(0);
    await saveScreenshot({ page: auditorPage, name: 'policy-as-auditor' });
    await auditorPage.goto(`/policy/groups/${group}`);
    await expect(auditorPage.getByRole('listitem', { name: 'network rule github' })).toBeVisible();
    await expect(main.getByRole('button', { name: /Save|Add|Remove/ })).toHaveCount(0);
    await auditorPage.goto('/policy/versions');
    await expect(main.getByRole('region', { name: /^Changes from/ })).toBeVisible();
    await expect(main.getByRole('button', { name: /Roll back/ })).toHaveCount(0);
  });

  await test.step('the admin cannot edit the guardrails', async () => {
    await page.goto('/policy/guardrails');
    const main = page.getByRole('main');
    await expect(main).toContainText('Guardrails are read-only for you: only owners change them.');
    await expect(main.getByRole('button', { name: /Save|Add|Remove/ })).toHaveCount(0);
    await saveScreenshot({ page, name: 'policy-guardrails-as-admin' });
  });
});

/** The one rule of a surface that has no id of its own yet (just added). */
function ruleRow(page: Page, surface: string): Locator {
  return page.getByRole('listitem', { name: new RegExp(`^${surface} rule `) }).last();
}

async function setRuleId(rule: Locator, id: string): Promise<void> {
  const field = rule.getByLabel('Rule id');
  await field.fill(id);
  await field.press('Enter');
}

async function saveDraft(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText(/^Saved as revision \d+/)).toBeVisible();
  await expect(page.getByText('Unsaved changes', { exact: true })).toHaveCount(0);
}

async function publish(page: Page, message: string): Promise<void> {
  await waitForHydration(page);
  await page.getByLabel('What does this version change?').fill(message);
  await page.getByRole('button', { name: 'Publish' }).click();
}
