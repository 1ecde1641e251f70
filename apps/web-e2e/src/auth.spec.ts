import { expect, test } from '@playwright/test';
import { USERS, pickDemoUser, signIn } from './support';

test.describe('sign-in and roles', () => {
  for (const [key, user] of Object.entries(USERS)) {
    test(`should show the right home and header when ${key} signs in`, async ({ page }) => {
      await signIn(page, user);

      await expect(page).toHaveURL('/');
      await expect(page).toHaveTitle('Home | CX Capacity');
      await expect(page.getByTestId('header-user-role')).toHaveText(user.roleLabel);
      await expect(page.locator('h1')).toHaveCount(1);
      const sections = page.locator('main section[data-testid]');
      await expect(sections).toHaveCount(user.sections.length);
      expect(await sections.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid')))).toEqual(user.sections);
      await expect(page.getByTestId('cycle-deadlines')).toContainText('FY 2027');
      await expect(page.getByTestId('cycle-deadlines')).toContainText('January 29, 2027');
      await expect(page.getByText('opens in a later release')).toHaveCount(0);
    });
  }

  test('should show the contributor an honest empty state when they have no assignments', async ({ page }) => {
    await signIn(page, USERS.ben);
    await page.getByTestId('my-assignments-link').click();

    await expect(page.getByRole('heading', { level: 1, name: 'My assignments' })).toBeVisible();
    await expect(page.getByTestId('empty-state')).toContainText('You have no assignments yet. Your CX lead will assign questions to you.');
  });

  test('should mention the extra role when the person holds several roles', async ({ page }) => {
    await signIn(page, USERS.jordan);

    await expect(page.getByTestId('header-user')).toContainText('and 1 more role');
  });

  test('should sign in with the keyboard only when using Tab, Space and Enter', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.getByRole('radio').first()).toBeVisible();

    // The first Tab reaches the skip link.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#main-content')).toBeFocused();

    // All demo people form one radio group: Tab reaches it once, arrow keys move within it.
    const focusedRadioLabel = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        return el?.type === 'radio' ? (el.closest('.usa-radio')?.textContent ?? '') : null;
      });
    for (let i = 0; i < 10 && (await focusedRadioLabel()) === null; i++) await page.keyboard.press('Tab');
    for (let i = 0; i < 10 && !(await focusedRadioLabel())?.includes(USERS.carla.name); i++) await page.keyboard.press('ArrowDown');
    const carla = page.getByRole('radio', { name: USERS.carla.name });
    await expect(carla).toBeFocused();
    await page.keyboard.press('Space');
    await expect(carla).toBeChecked();

    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('header-user-name')).toHaveText(USERS.carla.name);
  });

  test('should show a field error when nobody is chosen', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    await expect(page.getByTestId('error-summary')).toContainText('Choose the person you want to sign in as.');
    await expect(page.getByTestId('error-summary')).toBeFocused();
  });

  test('should return to the sign-in page with a message when the person signs out', async ({ page }) => {
    await signIn(page, USERS.alicia);

    await page.getByRole('navigation', { name: 'Primary navigation' }).getByRole('button', { name: 'Sign out' }).click();

    await expect(page).toHaveURL('/sign-in');
    await expect(page.getByTestId('sign-in-notice')).toHaveText('You signed out.');
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in\?returnUrl=%2F$/);
  });

  test('should send people who are not signed in to sign-in and back when they sign in', async ({ page }) => {
    await page.goto('/audit');
    await expect(page).toHaveURL('/sign-in?returnUrl=%2Faudit');
    await expect(page).toHaveTitle('Sign in | CX Capacity');

    await pickDemoUser(page, USERS.dana.name);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    await expect(page).toHaveURL('/audit');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
  });

  test('should redirect to sign-in with a notice when the server session has ended', async ({ page, context }) => {
    await signIn(page, USERS.alicia);
    const edit = page.getByRole('button', { name: /Edit profile/ });
    await expect(edit).toBeVisible();
    await context.clearCookies();

    await edit.click();
    await page.getByRole('button', { name: 'Save profile' }).click();

    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByTestId('sign-in-notice')).toHaveText('Your session ended. Sign in again.');
  });

  test('should show the not-found page when the address does not exist', async ({ page }) => {
    await page.goto('/no-such-page');

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page).toHaveTitle('Page not found | CX Capacity');
  });
});
