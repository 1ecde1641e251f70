import { expect, test } from '@playwright/test';
import { USERS, signIn } from './support';

test.describe('organization profile', () => {
  test('should show a validation error at the field when the website is not a web address', async ({ page }) => {
    await signIn(page, USERS.samuel);
    await page.getByRole('button', { name: /Edit profile/ }).click();

    await page.getByLabel('Website', { exact: true }).fill('fema dot gov');
    await page.getByRole('button', { name: 'Save profile' }).click();

    const website = page.getByLabel('Website', { exact: true });
    await expect(website).toHaveAttribute('aria-invalid', 'true');
    const describedBy = (await website.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
    expect(errorId).toBeTruthy();
    await expect(page.locator(`#${errorId}`)).toContainText('Enter a full web address');
    await expect(page.getByTestId('error-summary')).toBeFocused();
  });

  test('should show the API error at the field when the description is too long', async ({ page }) => {
    await signIn(page, USERS.samuel);
    await page.getByRole('button', { name: /Edit profile/ }).click();

    await page.getByLabel('Description', { exact: true }).fill('x'.repeat(2001));
    await page.getByRole('button', { name: 'Save profile' }).click();

    const description = page.getByLabel('Description', { exact: true });
    await expect(description).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator(`#${await description.getAttribute('aria-describedby')}`)).toContainText('2,000 characters');
  });

  test('should save the profile when the input is valid', async ({ page }) => {
    await signIn(page, USERS.samuel);
    await page.getByRole('button', { name: /Edit profile/ }).click();

    await page.getByLabel('Description', { exact: true }).fill('Disaster assistance for survivors.');
    await page.getByLabel('Website', { exact: true }).fill('https://www.fema.gov/assistance');
    await page.getByRole('button', { name: 'Save profile' }).click();

    const profile = page.getByTestId('organization-profile');
    await expect(profile).toContainText('Profile saved.');
    await expect(profile).toContainText('Disaster assistance for survivors.');
    await expect(profile.getByRole('link', { name: 'https://www.fema.gov/assistance' })).toBeVisible();
  });
});
