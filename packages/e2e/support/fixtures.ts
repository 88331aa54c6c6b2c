import { type BrowserContext, test as base, type Page } from '@playwright/test';

/**
 * The specs' `test`: Playwright's, plus `freshPage`, which opens a page in a new browser
 * context (no cookies, as if on another machine) and closes that context after the test.
 */
export const test = base.extend<{ freshPage: () => Promise<Page> }>({
  freshPage: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async () => {
      const context = await browser.newContext();
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

export { expect } from '@playwright/test';
