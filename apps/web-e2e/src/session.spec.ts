import { expect, test } from '@playwright/test';
import { USERS, signIn } from './support';

test.describe('idle timeout', () => {
  test('should warn two minutes before the idle timeout and keep the session when the person stays', async ({ page }) => {
    await page.clock.install();
    await signIn(page, USERS.marcus);
    // Let the home page's requests finish first: each one legitimately resets the idle timer.
    await expect(page.getByTestId('cycle-deadlines')).toBeVisible();

    await page.clock.fastForward('13:01');

    const dialog = page.getByRole('dialog', { name: 'You will be signed out in 2 minutes' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('idle-countdown')).toContainText('minute');
    await dialog.getByRole('button', { name: 'Stay signed in' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('header-user-name')).toHaveText(USERS.marcus.name);
  });

  test('should sign the person out when the idle timeout passes', async ({ page }) => {
    await page.clock.install();
    await signIn(page, USERS.priya);
    // Let the home page's requests finish first: each one legitimately resets the idle timer.
    await expect(page.getByTestId('cycle-deadlines')).toBeVisible();

    await page.clock.fastForward('15:05');

    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByTestId('sign-in-notice')).toHaveText('Your session ended. Sign in again.');
  });
});
