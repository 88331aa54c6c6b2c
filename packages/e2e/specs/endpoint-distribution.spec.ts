import { createAgent, edgeUrl, waitForEdge } from '../support/agent-cli';
import { expect, test } from '../support/fixtures';
import { saveScreenshot } from '../support/save-screenshot';
import { signIn } from '../support/sign-in';
import { owner } from '../support/test-accounts';
import { waitForHydration } from '../support/wait-for-hydration';

// The product's loop on one machine, as the acceptance states it: the console and the
// edge `pnpm start` runs, an enrollment token made in the console, the real parapet-agent
// enrolling and watching, a publish in the console flipping the agent's decision, and a revoke
// in the console cutting the device off at its next request.

const host = 'agents.e2e-distribution.example';
const request = { surface: 'network', host, port: 443 };
const baseline = [
  'mode: enforce',
  'network:',
  '  rules:',
  '    - id: e2e-agents',
  '      action: allow',
  `      hosts: [${host}]`,
  '      ports: [443]',
  '',
].join('\n');

test('a publish reaches an enrolled agent, and a revoke cuts it off', async ({ page }) => {
  const agent = createAgent();
  const watch = { current: undefined as ReturnType<typeof agent.watch> | undefined };
  try {
    await signIn({ page, account: owner });
    await waitForEdge();

    const token = await test.step('the owner creates a one-device enrollment token', async () => {
      await page.goto('/devices/enrollment-tokens');
      await waitForHydration(page);
      await page.getByLabel('Name (optional)').fill('e2e laptop');
      await page.getByRole('button', { name: 'Create token' }).click();
      const command = page.getByLabel('Enroll command');
      await expect(command).toHaveValue(/parapet-agent enroll --server /);
      await saveScreenshot({ page, name: 'enrollment-token-created' });
      return page.getByLabel('Enrollment token').inputValue();
    });

    const device = await test.step('the agent enrolls and pulls its first bundle', async () => {
      const enrolled = await agent.run(['enroll', '--server', edgeUrl(), '--token', token]);
      expect(enrolled.code, enrolled.stderr).toBe(0);
      const pulled = await agent.run(['pull']);
      expect(pulled.code, pulled.stderr).toBe(0);
      const status = JSON.parse((await agent.run(['status'])).stdout) as {
        device: string;
        active: { ver: number } | null;
      };
      expect(status.active).not.toBeNull();
      expect((await agent.decide(request)).decision).toBe('deny');
      return status;
    });

    await test.step('a one-time token enrolls no second device', async () => {
      const second = createAgent();
      try {
        const refused = await second.run(['enroll', '--server', edgeUrl(), '--token', token]);
        expect(refused.code).not.toBe(0);
        expect(refused.stderr).toMatch(/enrollment token/i);
      } finally {
        second.remove();
      }
    });

    await test.step('a publish in the console flips the watching agent’s decision', async () => {
      watch.current = agent.watch();
      await page.goto('/policy/baseline');
      await waitForHydration(page);
      await page.getByRole('tab', { name: 'Source' }).click();
      await page.locator('.cm-content').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(baseline);
      await page.getByRole('button', { name: 'Save draft' }).click();
      await expect(page.getByText(/^Saved as revision \d+/)).toBeVisible();
      await page.goto('/policy');
      await waitForHydration(page);
      await page.getByLabel('What does this version change?').fill('Agents reach the e2e host');
      const publishedAt = Date.now();
      await page.getByRole('button', { name: 'Publish' }).click();
      await expect(page.getByText(/^Published version \d+\./)).toBeVisible();
      const events = watch.current.events;
      await expect
        .poll(() => events.some(({ event }) => event.event === 'bundle'), { timeout: 15_000 })
        .toBe(true);
      const arrived = events.find(({ event }) => event.event === 'bundle');
      const flipMs = (arrived?.at ?? Date.now()) - publishedAt;
      // Reported, not asserted: timing belongs to `pnpm bench:propagation`, not to a test.
      test.info().annotations.push({ type: 'publish-to-agent-ms', description: String(flipMs) });
      console.log(`publish click to the agent holding the new bundle: ${flipMs} ms`);
      const decision = await agent.decide(request);
      expect(decision.decision).toBe('allow');
      expect(decision).toMatchObject({ ruleId: 'e2e-agents', layer: 'baseline' });
    });

    await test.step('the device shows on the Devices page as current', async () => {
      await page.goto('/devices');
      const row = page
        .getByRole('row')
        .filter({ has: page.locator(`a[href="/devices/${device.device}"]`) });
      await expect(row).toContainText('current');
      await saveScreenshot({ page, name: 'devices' });
    });

    await test.step('revoking the device ends its watch and refuses its next pull', async () => {
      await page.goto(`/devices/${device.device}`);
      await waitForHydration(page);
      await page.getByRole('button', { name: 'Revoke device' }).click();
      await page.getByRole('button', { name: /^Confirm revoking / }).click();
      await expect(page.getByText('revoked', { exact: false }).first()).toBeVisible();
      await saveScreenshot({ page, name: 'device-revoked' });
      const watching = watch.current;
      if (!watching) throw new Error('The watch never started.');
      const code = await Promise.race([
        watching.exited,
        new Promise<'still running'>((done) => setTimeout(() => done('still running'), 15_000)),
      ]);
      expect(code).toBe(4);
      expect(watching.events.some(({ event }) => event.event === 'device_refused')).toBe(true);
      const pulled = await agent.run(['pull']);
      expect(pulled.code).toBe(4);
      // The last good bundle is kept and still enforced: revocation cuts off updates, it does
      // not hand the agent an empty policy.
      expect((await agent.decide(request)).decision).toBe('allow');
    });
  } finally {
    await watch.current?.stop();
    agent.remove();
  }
});
