import {
  type BrowserContext,
  type BrowserContextOptions,
  test as base,
  expect,
  type Page,
} from '@playwright/test';

/**
 * Records what must never happen while a user clicks through the console: a response with a
 * server error status, or an exception thrown in the page. Checked after every test.
 */
function watchForFailures(context: BrowserContext, failures: string[]): void {
  context.on('response', (response) => {
    if (response.status() >= 500) {
      failures.push(`${response.status()} from ${response.request().method()} ${response.url()}`);
    }
  });
  context.on('weberror', (error) => failures.push(`page error: ${error.error().message}`));
}

/**
 * The specs' `test`: Playwright's, plus `freshPage`, which opens a page in a new browser
 * context (no cookies, as if on another machine; `options` as for `browser.newContext`) and
 * closes that context after the test. In
 * every context a test opens this way, a server error or an uncaught page error fails the test.
 */
export const test = base.extend<{
  failures: string[];
  freshPage: (options?: BrowserContextOptions) => Promise<Page>;
}>({
  failures: async ({ context }, use) => {
    const failures: string[] = [];
    watchForFailures(context, failures);
    await use(failures);
    expect(failures, 'server errors or page errors during the test').toEqual([]);
  },
  page: async ({ page, failures }, use) => {
    // Depending on `failures` is what starts the watch for the default page's context.
    void failures;
    await use(page);
  },
  freshPage: async ({ browser, failures }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (options) => {
      const context = await browser.newContext(options);
      watchForFailures(context, failures);
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

export { expect } from '@playwright/test';
