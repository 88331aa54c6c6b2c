import type { Page } from '@playwright/test';

/** The members table's body rows (the header row is left out). */
export function memberRows(page: Page) {
  return page
    .getByRole('region', { name: /^Members \(\d+\)$/ })
    .getByRole('row')
    .filter({ hasNot: page.getByRole('columnheader') });
}

/** The row of the member with this email. */
export function memberRow({ page, email }: { page: Page; email: string }) {
  return memberRows(page).filter({ hasText: email });
}

/** The "Pending invites" card. */
export function pendingInvites(page: Page) {
  return page.getByRole('region', { name: 'Pending invites' });
}
