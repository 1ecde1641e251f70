import { expect, test } from '@playwright/test';
import { USERS, assessmentOf, expectNoSeriousA11yViolations, gql, signIn } from './support';

test.describe('Capacity assessment: evidence, assignments, presence, last year', () => {
  test('should let the CX lead add a link and a file as evidence, and show a field error for a file type we do not accept', async ({
    page,
  }) => {
    await signIn(page, USERS.alicia);
    const { id, domains } = await assessmentOf(page, 'Veterans Health Administration');
    const domain = domains[0];
    const code = domain.criteria[2].code;
    await page.goto(`/assessments/${id}/domains/${domain.code}`);
    const panel = page.getByTestId(`evidence-${code}`);
    await expect(panel).toBeVisible();

    // A link, with errors at the fields first.
    await panel.getByRole('button', { name: /^Add a link/ }).click();
    await panel.getByRole('button', { name: 'Add link' }).click();
    await expect(page.locator(`#evidence-link-title-error-${code}`)).toContainText('Give the evidence a short title.');
    await expect(page.locator(`#evidence-link-title-${code}`)).toHaveAttribute('aria-invalid', 'true');
    await expectNoSeriousA11yViolations(page, 'evidence link form with errors');
    await page.locator(`#evidence-link-title-${code}`).fill('Patient survey results');
    await page.locator(`#evidence-link-url-${code}`).fill('https://example.gov/survey');
    await panel.getByRole('button', { name: 'Add link' }).click();
    const link = panel.getByRole('link', { name: 'Patient survey results (opens in a new tab)' });
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');

    // A file.
    await panel.getByRole('button', { name: /^Attach a file/ }).click();
    await page.locator(`#evidence-file-title-${code}`).fill('Survey method');
    await page.locator(`#evidence-file-${code}`).setInputFiles({
      name: 'method.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n'),
    });
    await panel.getByRole('button', { name: 'Upload file' }).click();
    await expect(panel.getByRole('link', { name: /Survey method/ })).toHaveAttribute('href', /\/api\/evidence\/.+\/download/);
    await expect(panel).toContainText('method.pdf');
    await expect(panel.getByTestId(`evidence-item-${code}`)).toHaveCount(2);
    await expectNoSeriousA11yViolations(page, 'evidence list');

    // A web page is not accepted: the server's message shows at the file field.
    await panel.getByRole('button', { name: /^Attach a file/ }).click();
    await page.locator(`#evidence-file-${code}`).setInputFiles({
      name: 'page.html',
      mimeType: 'text/html',
      buffer: Buffer.from('<!doctype html><p>Hello</p>'),
    });
    await panel.getByRole('button', { name: 'Upload file' }).click();
    const fileError = page.locator(`#evidence-file-error-${code}`);
    await expect(fileError).toContainText('Attach a PDF');
    await expect(page.locator(`#evidence-file-${code}`)).toHaveAttribute('aria-describedby', new RegExp(`evidence-file-error-${code}`));
    await expectNoSeriousA11yViolations(page, 'evidence file field error');

    // Still two after a reload; then remove the link, with a confirm step.
    await page.reload();
    await expect(panel.getByTestId(`evidence-item-${code}`)).toHaveCount(2);
    await panel.getByRole('button', { name: 'Remove Patient survey results' }).click();
    await panel.getByRole('button', { name: 'Yes, remove' }).click();
    await expect(panel.getByTestId(`evidence-item-${code}`)).toHaveCount(1);
  });

  test('should let the CX lead assign an area to a contributor, who then sees it in My assignments', async ({ page, browser }) => {
    await signIn(page, USERS.alicia);
    const { id, domains } = await assessmentOf(page, 'Veterans Health Administration');
    const domain = domains[3];
    await page.goto(`/assessments/${id}/domains/${domain.code}`);
    const form = page.getByTestId('assign-form');
    await expect(form).toBeVisible();
    await form.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect(page.locator('#assign-person-error')).toContainText('Choose a person');

    const ben = await page.locator('#assign-person option', { hasText: 'Ben Carter' }).getAttribute('value');
    await page.locator('#assign-person').selectOption(ben!);
    await page.locator('#assign-due').fill('2027-01-15');
    await form.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect(page.getByTestId('assign-result')).toContainText(`assigned to Ben Carter, due January 15, 2027`);
    await expect(page.getByTestId('assign-result').getByRole('status')).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'domain page after assigning');

    const context = await browser.newContext();
    try {
      const benPage = await context.newPage();
      await signIn(benPage, USERS.ben);
      await benPage.getByTestId('my-assignments-link').click();
      await expect(benPage.getByTestId('assignments-table').locator('tbody tr')).toHaveCount(domain.criteria.length);
      await expect(benPage.getByTestId('assignments-table')).toContainText(domain.name);
    } finally {
      await context.close();
      // Leave Ben without assignments, as the seeded data has him.
      await form.getByRole('button', { name: 'Remove assignment' }).click();
      await expect(page.getByTestId('assign-result')).toContainText('no longer assigned');
    }
  });

  test('should tell each person who else has the assessment open', async ({ browser }) => {
    const aliciaContext = await browser.newContext();
    const benContext = await browser.newContext();
    try {
      const alicia = await aliciaContext.newPage();
      const ben = await benContext.newPage();
      await signIn(ben, USERS.ben);
      await signIn(alicia, USERS.alicia);
      const { id } = await assessmentOf(alicia, 'Veterans Health Administration');
      await ben.goto(`/assessments/${id}`);
      await expect(ben.getByTestId('progress-table')).toBeVisible();
      await alicia.goto(`/assessments/${id}`);
      await expect(alicia.getByTestId('presence')).toHaveText('Also viewing now: Ben Carter');
      await expect(alicia.getByTestId('presence')).toHaveAttribute('aria-live', 'polite');
      await expectNoSeriousA11yViolations(alicia, 'overview with presence');
    } finally {
      await aliciaContext.close();
      await benContext.close();
    }
  });

  test('should let a CX lead start from last year’s answers, each marked to confirm', async ({ page }) => {
    await signIn(page, USERS.samuel);
    const { id, domains } = await assessmentOf(page, 'Federal Emergency Management Agency');
    await page.goto(`/assessments/${id}`);
    await page.getByTestId('carry-forward-open').click();
    const dialog = page.getByRole('dialog', { name: 'Start from last year’s answers?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Carried forward — confirm');
    await expectNoSeriousA11yViolations(page, 'start from last year dialog');
    await dialog.getByRole('button', { name: 'Copy last year’s answers' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('carry-forward-result')).toContainText(/\d+ answers? (was|were) carried forward/);

    const { assessment } = await gql<{ assessment: { responses: { criterionCode: string; carriedForward: boolean }[] } }>(
      page,
      'query ($id: ID!) { assessment(id: $id) { responses { criterionCode carriedForward } } }',
      { id },
    );
    const carried = assessment.responses.find((r) => r.carriedForward)!;
    expect(carried).toBeDefined();
    const domain = domains.find((d) => d.criteria.some((c) => c.code === carried.criterionCode))!;
    await page.goto(`/assessments/${id}/domains/${domain.code}`);
    await expect(page.getByTestId(`carried-forward-${carried.criterionCode}`)).toHaveText('Carried forward — confirm');
    await expectNoSeriousA11yViolations(page, 'domain page with carried-forward answers');

    // The summary compares each area with last year.
    await page.goto(`/assessments/${id}/summary`);
    const header = page.getByTestId('scores-table').locator('thead');
    await expect(header).toContainText('Last year');
    await expect(header).toContainText('Change');
    await expect(page.getByTestId('summary-text')).toContainText('Compared with last year');
    await expectNoSeriousA11yViolations(page, 'summary with last year');
  });
});
