import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { expect, test, type Page } from '@playwright/test';
import { USERS, expectNoSeriousA11yViolations, gql, signIn } from './support';

interface FrameworkFile {
  version: string;
  effectiveFiscalYear: number;
  domains: { criteria: { levels: unknown[] }[] }[];
}

const SHIPPED = resolve(__dirname, '../../../libs/shared/assessment-model/frameworks/a11-280-capacity.fy2027.json');
const CODE = 'A11-280-CAPACITY';
/** Years and versions no other spec uses: this file runs last (see playwright.config.ts) but must not touch FY 2027. */
const VERSION = '2028.1';

function frameworkFile(version: string, change: (file: FrameworkFile) => void = () => undefined): Buffer {
  const file = JSON.parse(readFileSync(SHIPPED, 'utf8')) as FrameworkFile;
  file.version = version;
  file.effectiveFiscalYear = 2028;
  change(file);
  return Buffer.from(JSON.stringify(file, null, 2));
}

async function upload(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.getByLabel('Framework file').setInputFiles({ name, mimeType: 'application/json', buffer });
  await page.getByRole('button', { name: 'Import framework' }).click();
}

const versionRows = (page: Page) => page.getByTestId('framework-versions-table').locator('tbody tr');
const row = (page: Page, version: string) => page.locator(`tr[data-version="${CODE} ${version}"]`);

test.describe('administration', () => {
  test('should show the access-denied page and no administration link to a CX lead', async ({ page }) => {
    await signIn(page, USERS.alicia);

    await expect(page.getByRole('navigation', { name: 'Primary navigation' }).getByRole('link', { name: 'Administration' })).toHaveCount(0);
    for (const path of ['/admin', '/admin/frameworks', '/admin/cycles']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access to this page');
    }
  });

  test.describe('framework versions and cycles', () => {
    // One story: each step builds on the one before.
    test.describe.configure({ mode: 'serial' });

    test('should list every problem of a malformed file by path and import nothing', async ({ page }) => {
      await signIn(page, USERS.dana);
      await page.getByRole('navigation', { name: 'Primary navigation' }).getByRole('link', { name: 'Administration' }).click();
      await expect(page).toHaveTitle('Administration | CX Capacity');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Administration');
      await expectNoSeriousA11yViolations(page, 'administration');

      await page.getByRole('link', { name: 'Framework versions' }).click();
      await expect(page).toHaveTitle('Framework versions | CX Capacity');
      await expect(row(page, '2027.1')).toContainText('Published');
      const before = await versionRows(page).allInnerTexts();
      await expectNoSeriousA11yViolations(page, 'framework versions');

      const bad = frameworkFile('2028.9', (file) => {
        file.domains[0]!.criteria[1]!.levels.pop();
        file.domains[2]!.criteria[4]!.levels.pop();
      });
      await upload(page, 'bad-framework.json', bad);

      const summary = page.getByTestId('error-summary');
      await expect(summary).toBeFocused();
      await expect(summary).toContainText('The file has 2 problems. Nothing was imported.');
      await expect(summary.getByRole('listitem')).toHaveText([
        'domains[0].criteria[1].levels: 4 descriptor(s) for a 5-level scale',
        'domains[2].criteria[4].levels: 4 descriptor(s) for a 5-level scale',
      ]);
      const fileInput = page.getByLabel('Framework file');
      await expect(fileInput).toHaveAttribute('aria-invalid', 'true');
      await expect(fileInput).toHaveAttribute('aria-describedby', /framework-file-problems/);
      await expect(page.locator('#framework-file-problems li')).toHaveCount(2);
      await expectNoSeriousA11yViolations(page, 'framework upload with errors');

      await page.reload();
      await expect(row(page, '2027.1')).toBeVisible();
      expect(await versionRows(page).allInnerTexts()).toEqual(before);
      await expect(row(page, '2028.9')).toHaveCount(0);
    });

    test('should import a new version as a draft and publish it after confirming', async ({ page }) => {
      await signIn(page, USERS.dana);
      await page.goto('/admin/frameworks');

      await upload(page, 'framework-2028.json', frameworkFile(VERSION));

      await expect(page.getByTestId('import-success')).toContainText(`Imported ${CODE} version ${VERSION} as a draft.`);
      await expect(page.getByTestId('error-summary')).toHaveCount(0);
      await expect(row(page, VERSION)).toContainText('Draft');
      await expect(row(page, VERSION)).toContainText('5 / 28');
      await expectNoSeriousA11yViolations(page, 'framework upload succeeded');

      await row(page, VERSION)
        .getByRole('button', { name: `Publish version ${VERSION} of ${CODE}` })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Publish this version?' });
      await expect(dialog).toContainText('Publishing makes this version permanent: it can no longer be changed. Continue?');
      await expectNoSeriousA11yViolations(page, 'publish confirmation');
      await dialog.getByRole('button', { name: 'Publish version' }).click();

      await expect(dialog).toBeHidden();
      await expect(page.getByTestId('framework-action-result')).toContainText(`Published ${CODE} version ${VERSION}.`);
      await expect(page.getByTestId('framework-action-result')).toBeFocused();
      await expect(row(page, VERSION)).toContainText('Published');
      await expect(row(page, VERSION).getByRole('button', { name: /Retire/ })).toBeVisible();

      await row(page, VERSION).getByRole('link').click();
      await expect(page).toHaveTitle('Framework version | CX Capacity');
      await expect(page.getByRole('heading', { level: 1 })).toContainText(`version ${VERSION}`);
      await expectNoSeriousA11yViolations(page, 'framework version detail');
    });

    test('should open a new fiscal-year cycle with the new version, then create nothing when run again', async ({ page }) => {
      await signIn(page, USERS.dana);
      const { organizations } = await gql<{ organizations: { isHisp: boolean }[] }>(page, '{ organizations { isHisp } }');
      const hisps = organizations.filter((o) => o.isHisp).length;
      await page.goto('/admin/cycles');
      await expect(page).toHaveTitle('Cycles | CX Capacity');
      await expect(page.getByTestId('cycles-table')).toContainText('FY 2027');
      await expectNoSeriousA11yViolations(page, 'cycles');

      await page.getByLabel('Fiscal year').fill('2028');
      await page
        .getByLabel('Framework version')
        .selectOption({ label: `OMB Circular A-11 Section 280 CX capacity assessment, version ${VERSION} (FY 2028)` });
      await page.getByLabel('Capacity assessment due').fill('2028-03-01');
      await page.getByLabel('Draft action plan due').fill('2028-02-01');
      await page.getByLabel('Final action plan due').fill('2028-09-15');
      await page.getByRole('button', { name: 'Open cycle' }).click();

      // The API refuses the date order; its field error sits next to the field and in the summary.
      const summary = page.getByTestId('error-summary');
      await expect(summary).toBeFocused();
      await expect(summary).toContainText('The draft plan is due after the assessment.');
      const draft = page.getByLabel('Draft action plan due');
      await expect(draft).toHaveAttribute('aria-invalid', 'true');
      await expect(draft).toHaveAccessibleDescription(/The draft plan is due after the assessment\./);
      await expectNoSeriousA11yViolations(page, 'open cycle with errors');

      await draft.fill('2028-04-28');
      await page.getByRole('button', { name: 'Open cycle' }).click();
      await expect(page.getByTestId('open-cycle-success')).toContainText(`FY 2028 opened: ${hisps} assessments created.`);
      await expect(summary).toHaveCount(0);
      await expect(page.getByTestId('cycles-table').getByRole('row', { name: /FY 2028/ })).toContainText(`${CODE} ${VERSION}`);
      await expectNoSeriousA11yViolations(page, 'cycle opened');

      await page.getByRole('button', { name: 'Open cycle' }).click();
      await expect(page.getByTestId('open-cycle-success')).toContainText('FY 2028 opened: nothing new created.');

      // Closing it (after confirming) makes FY 2027 the current cycle again for everyone.
      await page.getByRole('button', { name: 'Close FY 2028' }).click();
      await expect(page.getByTestId('close-confirm-text')).toContainText('can no longer be changed');
      await expectNoSeriousA11yViolations(page, 'close cycle confirmation');
      await page.getByRole('button', { name: 'Close the cycle' }).click();
      await expect(page.getByTestId('close-cycle-result')).toContainText('FY 2028 is closed.');
      await expect(page.getByRole('button', { name: 'Close FY 2028' })).toHaveCount(0);
      const { currentCycle } = await gql<{ currentCycle: { fiscalYear: number } }>(page, '{ currentCycle { fiscalYear } }');
      expect(currentCycle.fiscalYear).toBe(2027);
    });
  });
});
