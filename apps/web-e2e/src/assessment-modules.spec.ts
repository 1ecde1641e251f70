import { expect, test } from '@playwright/test';
import { USERS, assessmentOf, expectNoSeriousA11yViolations, signIn } from './support';

test.describe('Optional civic-experience module', () => {
  test('should let the CX lead add the module, answer it and see it scored apart from the A-11 total', async ({ page }) => {
    await signIn(page, USERS.jordan);
    const { id } = await assessmentOf(page, 'Internal Revenue Service');
    await page.goto(`/assessments/${id}`);
    const modules = page.getByTestId('modules');
    await expect(modules.getByTestId('no-modules')).toBeVisible();
    await modules.getByRole('button', { name: /^Add Civic experience/ }).click();
    await expect(modules.getByRole('heading', { level: 3, name: /Civic experience/ })).toBeVisible();
    await expect(modules.getByTestId('no-modules')).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, 'overview with a module');

    await modules.getByRole('link', { name: 'Civic knowledge' }).click();
    await expect(page.getByTestId('module-label')).toContainText('never counts toward the A-11 score');
    await expect(page.getByTestId('target-form')).toHaveCount(0);
    await page.locator('label[for="level-KNO-1-4"]').click();
    await expect(page.getByTestId('save-state-KNO-1')).toContainText('Saved at');
    await expectNoSeriousA11yViolations(page, 'module questionnaire');

    await page.goto(`/assessments/${id}/summary`);
    const scores = page.getByTestId('module-scores');
    await expect(scores).toContainText('not part of the A-11 total');
    await expect(scores.locator('tbody tr')).toHaveCount(4);
    await expect(scores.locator('tbody tr').first()).toContainText('1 of 3');
    await expect(page.getByTestId('scores-table').locator('tbody tr')).toHaveCount(5);
    await expectNoSeriousA11yViolations(page, 'summary with a module');

    // Removing hides the module; its answer comes back when it is added again.
    await page.goto(`/assessments/${id}`);
    await modules.getByRole('button', { name: /^Remove Civic experience/ }).click();
    await expect(modules.getByTestId('no-modules')).toBeVisible();
    await modules.getByRole('button', { name: /^Add Civic experience/ }).click();
    await modules.getByRole('link', { name: 'Civic knowledge' }).click();
    await expect(page.locator('#level-KNO-1-4')).toBeChecked();
  });
});
