import { expect, test } from '@playwright/test';
import { USERS, expectNoSeriousA11yViolations, signIn } from './support';

test.describe('accessibility (axe, WCAG 2.1 A/AA)', () => {
  test('should have no serious violations on the sign-in page, with the banner open and with an error', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.getByRole('radio').first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'sign-in');

    await page.getByRole('button', { name: 'Here’s how you know' }).click();
    await expect(page.getByText('Official websites use .gov')).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'sign-in with banner expanded');

    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByTestId('error-summary')).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'sign-in with error');
  });

  for (const [key, user] of Object.entries(USERS)) {
    test(`should have no serious violations on the home page when ${key} is signed in`, async ({ page }) => {
      await signIn(page, user);
      await expect(page.getByTestId('cycle-deadlines')).toBeVisible();
      await expectNoSeriousA11yViolations(page, `home (${key})`);
    });
  }

  test('should have no serious violations while editing a profile with errors', async ({ page }) => {
    await signIn(page, USERS.alicia);
    await page.getByRole('button', { name: /Edit profile/ }).click();
    await expectNoSeriousA11yViolations(page, 'profile form');

    await page.getByLabel('Website', { exact: true }).fill('not a url');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByTestId('error-summary')).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'profile form with errors');
  });

  test('should have no serious violations on the audit log', async ({ page }) => {
    await signIn(page, USERS.dana);
    await page.goto('/audit');
    await expect(page.getByTestId('audit-table')).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'audit log');
  });

  test('should have no serious violations on the access-denied and not-found pages', async ({ page }) => {
    await signIn(page, USERS.ben);
    await page.goto('/audit');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access to this page');
    await expectNoSeriousA11yViolations(page, 'access denied');

    await page.goto('/missing');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expectNoSeriousA11yViolations(page, 'not found');
  });

  test('should have no serious violations while the idle warning dialog is open', async ({ page }) => {
    await page.clock.install();
    await signIn(page, USERS.carla);
    // Let the home page's requests finish first: each one legitimately resets the idle timer.
    await expect(page.getByTestId('cycle-deadlines')).toBeVisible();

    await page.clock.fastForward('13:05');
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'idle warning dialog');
  });
});
