import { expect, test } from '@playwright/test';
import { USERS, expectNoSeriousA11yViolations, signIn } from './support';

test.describe('audit log', () => {
  test('should list audit events and filter them when an OMB administrator opens the audit log', async ({ page }) => {
    await signIn(page, USERS.dana);

    await page.getByRole('link', { name: 'Audit log', exact: true }).click();

    await expect(page).toHaveTitle('Audit log | CX Capacity');
    await expect(page.getByTestId('audit-table')).toBeVisible();
    await expect(page.getByTestId('audit-range')).toContainText('Showing 1–');

    await page.getByLabel('Outcome').selectOption('DENIED');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.getByTestId('audit-table').or(page.getByTestId('empty-state'))).toBeVisible();

    // The hash chain: recomputed on request, and intact on a fresh database.
    await page.getByRole('button', { name: 'Check the audit log' }).click();
    await expect(page.getByTestId('audit-integrity').getByRole('status')).toContainText('The audit log is intact');
    await expectNoSeriousA11yViolations(page, 'audit log with the integrity check');
  });

  test('should let an agency CX lead open the audit log', async ({ page }) => {
    await signIn(page, USERS.alicia);

    await page.getByRole('link', { name: 'Audit log', exact: true }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
    await expect(page.getByRole('button', { name: 'Check the audit log' })).toHaveCount(0);
  });

  test('should hide the audit log from a contributor', async ({ page }) => {
    await signIn(page, USERS.ben);

    await expect(page.getByRole('navigation', { name: 'Primary navigation' }).getByRole('link', { name: 'Audit log' })).toHaveCount(0);
    await page.goto('/audit');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access to this page');
  });
});
