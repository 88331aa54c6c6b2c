import type { Page } from '@playwright/test';

/**
 * Waits until React has hydrated the page's forms. A form sent before that posts as plain
 * HTML (which the console handles too, but differently: no client-side check, a full page
 * load), so a spec that means the normal path waits for it. React marks every DOM node it
 * manages with a `__reactProps$…` key; a form that has one is wired to its handlers.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('form')].every((form) =>
      Object.keys(form).some((key) => key.startsWith('__reactProps$')),
    ),
  );
}
