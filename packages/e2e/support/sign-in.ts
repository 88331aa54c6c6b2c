import { expect, type Page } from '@playwright/test';
import type { TestAccount } from './test-accounts';
import { waitForHydration } from './wait-for-hydration';

/** Fills and sends the sign-in form, without judging the outcome. */
export async function submitSignIn({
  page,
  email,
  password,
}: {
  page: Page;
  email: string;
  password: string;
}): Promise<void> {
  await waitForHydration(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in through the sign-in page and waits for the overview. */
export async function signIn({ page, account }: { page: Page; account: TestAccount }) {
  await page.goto('/sign-in');
  await submitSignIn({ page, email: account.email, password: account.password });
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(page).toHaveURL('/');
}

/**
 * Sends the sign-in form and waits for the server's answer, so a spec that sends it several
 * times never reads the message the previous attempt left on the page.
 */
export async function attemptSignIn({
  page,
  email,
  password,
}: {
  page: Page;
  email: string;
  password: string;
}): Promise<void> {
  const answered = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' &&
      new URL(response.url()).pathname === '/sign-in' &&
      response.request().headers()['next-action'] !== undefined,
  );
  await submitSignIn({ page, email, password });
  await answered;
}
