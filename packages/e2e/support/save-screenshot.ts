import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';

/** Where the page screenshots go: `test-results/screenshots` at the repo root (git-ignored). */
export const screenshotDir = resolve(import.meta.dirname, '../../../test-results/screenshots');

/**
 * Saves a full-page screenshot of a main page, for people reviewing the UI. The file is
 * overwritten on every run; the global setup empties the folder first, so what is there
 * always comes from the last run.
 */
export async function saveScreenshot({ page, name }: { page: Page; name: string }): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}
