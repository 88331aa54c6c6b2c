import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { saveScreenshot } from '../support/save-screenshot';
import { signIn } from '../support/sign-in';
import { owner } from '../support/test-accounts';
import { waitForHydration } from '../support/wait-for-hydration';

// The people directory and the simulator, as the owner. The policy this spec simulates is
// written through the admin API with a key the owner creates in the console: a group of its own
// (`research`) with a rule for a host no other spec uses, so the decisions read here do not
// depend on what other specs published before (any version number works).

const group = 'research';
const host = 'papers.acme-research.example';
const person = 'rita@acme-research.example';

const groupPolicy = (action: 'allow' | 'deny') =>
  [
    'network:',
    '  rules:',
    `    - id: research-papers`,
    `      action: ${action}`,
    `      hosts: [${host}]`,
    '',
  ].join('\n');

const csvHeader = 'email,display_name,external_id,groups,active';

test('people are imported from a CSV, and the simulator shows the deciding rule and what a draft would flip', async ({
  page,
  request,
}) => {
  let api!: (path: string, init: { method: string; body: string; type: string }) => Promise<void>;

  await test.step('the owner creates an API key and writes a group policy with it, then publishes', async () => {
    await signIn({ page, account: owner });
    api = apiClient(request, await createOwnerKey(page));
    await api(`/api/v1/policy/groups/${group}`, {
      method: 'PUT',
      body: groupPolicy('allow'),
      type: 'application/yaml',
    });
    await api('/api/v1/policy/publish', {
      method: 'POST',
      body: JSON.stringify({ message: 'Research reads papers' }),
      type: 'application/json',
    });
  });

  await test.step('a CSV with a bad line is previewed: that line is reported and nothing can be applied', async () => {
    await page.goto('/people');
    await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible();
    await expect(page.getByTestId('csv-header')).toHaveText(csvHeader);
    await waitForHydration(page);
    await page
      .getByLabel('People CSV')
      .fill(
        [
          csvHeader,
          `${person},Rita Reyes,00u-rita,${group},true`,
          'not-an-email,Nobody,,,',
          `sam@acme-research.example,Sam Stone,,${group};no-such-group,`,
        ].join('\n'),
      );
    await page.getByRole('button', { name: 'Preview' }).click();
    const problems = page.getByTestId('import-problems');
    await expect(problems).toContainText('Line 3:');
    await expect(problems).toContainText('Line 4:');
    await expect(problems).not.toContainText('Line 2:');
    await expect(
      page.getByText('Nothing can be imported until these lines are fixed'),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Apply import' })).toBeDisabled();
    await saveScreenshot({ page, name: 'people-import-bad-line' });
  });

  await test.step('the fixed CSV is previewed and applied', async () => {
    await page
      .getByLabel('People CSV')
      .fill(
        [
          csvHeader,
          `${person},Rita Reyes,00u-rita,${group},true`,
          `sam@acme-research.example,Sam Stone,,${group},`,
        ].join('\n'),
      );
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(page.getByRole('region', { name: 'Import preview' })).toContainText(
      '2 people to add',
    );
    await page.getByRole('button', { name: 'Apply import' }).click();
    await expect(page.getByText('Imported: 2 added, 0 changed, 0 unchanged.')).toBeVisible();
    const table = page.getByRole('table', { name: 'People', exact: true });
    await expect(table).toContainText(person);
    await expect(table).toContainText('Sam Stone');
    await saveScreenshot({ page, name: 'people' });
  });

  await test.step('the simulator decides a request for a person and marks the deciding rule', async () => {
    await page.goto('/simulator');
    await expect(page.getByRole('heading', { name: 'Simulator', level: 1 })).toBeVisible();
    await page.getByLabel('Person (email)').fill(person);
    await page.getByLabel('Against').selectOption('draft');
    await page.getByRole('button', { name: 'Show effective policy' }).click();
    await expect(page).toHaveURL(/person=rita/);
    await waitForHydration(page);
    await simulate(page);
    const result = page.getByTestId('simulation-result').first();
    await expect(result).toContainText('allow');
    await expect(result).toContainText('research-papers');
    await expect(result).toContainText(`group:${group}`);
    const decided = page.locator(`tr[data-rule="group:${group}:research-papers"]`);
    await expect(decided).toHaveAttribute('aria-current', 'true');
    await expect(decided).toBeInViewport();
    await saveScreenshot({ page, name: 'simulator' });
  });

  await test.step('a draft change is compared with the published version: the request flips', async () => {
    await api(`/api/v1/policy/groups/${group}`, {
      method: 'PUT',
      body: groupPolicy('deny'),
      type: 'application/yaml',
    });
    await page.reload();
    await waitForHydration(page);
    await simulate(page);
    await expect(page.getByTestId('simulation-result').first()).toContainText('deny');
    await page.getByRole('button', { name: 'Compare drafts with published' }).click();
    await expect(page.getByTestId('comparison-flips')).toContainText(
      '1 request flips from allow to deny',
    );
    const change = page.getByTestId('comparison-change');
    await expect(change).toHaveCount(1);
    await expect(change).toContainText(host);
    await saveScreenshot({ page, name: 'simulator-compare' });
  });

  await test.step('the draft is put back as published, leaving nothing unpublished behind', async () => {
    await api(`/api/v1/policy/groups/${group}`, {
      method: 'PUT',
      body: groupPolicy('allow'),
      type: 'application/yaml',
    });
  });
});

/** Types two requests, one per line, into the request box and simulates them. */
async function simulate(page: Page): Promise<void> {
  await page
    .getByLabel('Requests (JSON lines)')
    .fill(
      [
        JSON.stringify({ surface: 'network', host, port: 443 }),
        JSON.stringify({ surface: 'network', host: 'elsewhere.example', port: 443 }),
      ].join('\n'),
    );
  await page.getByRole('button', { name: 'Simulate', exact: true }).click();
  await expect(page.getByTestId('simulation-result')).toHaveCount(2);
}

async function createOwnerKey(page: Page): Promise<string> {
  await page.goto('/api-keys');
  await waitForHydration(page);
  await page.getByLabel('Name').fill('People and simulator spec');
  await page.getByLabel('Role').selectOption('owner');
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = page.getByLabel('API key', { exact: true });
  await expect(secret).toHaveValue(/^ppk_/);
  return secret.inputValue();
}

function apiClient(request: APIRequestContext, key: string) {
  return async (
    path: string,
    { method, body, type }: { method: string; body: string; type: string },
  ) => {
    const response = await request.fetch(path, {
      method,
      data: body,
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': type },
    });
    expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  };
}
