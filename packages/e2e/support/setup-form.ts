import type { Page } from '@playwright/test';
import { waitForHydration } from './wait-for-hydration';

export type SetupValues = {
  organizationName: string;
  name: string;
  email: string;
  password: string;
  confirmPassword: string;
};

/** The setup form's fields by label, so specs can name what they fill and what they check. */
export function setupFields(page: Page) {
  return {
    organizationName: page.getByLabel('Organization name'),
    name: page.getByLabel('Your name'),
    email: page.getByLabel('Email'),
    password: page.getByLabel('Password', { exact: true }),
    confirmPassword: page.getByLabel('Repeat password'),
  };
}

/** Fills every field of the setup form (the page must be open) and sends it. */
export async function submitSetup({ page, values }: { page: Page; values: SetupValues }) {
  await waitForHydration(page);
  await fillSetup({ page, values });
  await page.getByRole('button', { name: 'Create organization' }).click();
}

/** Fills every field of the setup form (the page must be open). */
export async function fillSetup({ page, values }: { page: Page; values: SetupValues }) {
  const fields = setupFields(page);
  for (const [name, value] of Object.entries(values) as [keyof SetupValues, string][]) {
    await fields[name].fill(value);
  }
}
