import { readFile } from 'node:fs/promises';

import { expect, test, type Page } from '@playwright/test';
import { USERS, assessmentOf, expectNoSeriousA11yViolations, gql, signIn } from './support';

const vhaAssessment = (page: Page) => assessmentOf(page, 'Veterans Health Administration');
/** Signs in VHA's CX lead and opens one area of its questionnaire; the assessment and that area's criterion codes. */
const openVhaArea = async (page: Page, area: number): Promise<{ id: string; url: string; codes: string[] }> => {
  await signIn(page, USERS.alicia);
  const { id, domains } = await vhaAssessment(page);
  const domain = domains[area];
  const codes = domain.criteria.map((c) => c.code);
  const url = `/assessments/${id}/domains/${domain.code}`;
  await page.goto(url);
  await expect(page.getByTestId(`criterion-${codes[0]}`)).toBeVisible();
  return { id, url, codes };
};
/** The first save from here on reaches the server, but its reply is lost (connection reset); returns how many were. */
const loseFirstSaveReply = async (page: Page): Promise<() => number> => {
  let dropped = 0;
  await page.route('**/graphql', async (route) => {
    if (!route.request().postData()?.includes('saveCriterionResponse') || dropped > 0) return route.fallback();
    dropped++;
    await route.fetch();
    await route.abort('connectionreset');
  });
  return () => dropped;
};
/** The current version of an answer (0 before the first save). */
const versionOf = async (page: Page, id: string, code: string): Promise<number> => {
  const { assessment } = await gql<{ assessment: { responses: { criterionCode: string; version: number }[] } }>(
    page,
    'query ($id: ID!) { assessment(id: $id) { responses { criterionCode version } } }',
    { id },
  );
  return assessment.responses.find((r) => r.criterionCode === code)?.version ?? 0;
};

test.describe('Capacity assessment', () => {
  test('should let the CX lead answer with the keyboard, autosave, set a target and see the summary', async ({ page }) => {
    await signIn(page, USERS.alicia);
    await page.getByRole('navigation', { name: 'Primary navigation' }).getByRole('link', { name: 'Assessment', exact: true }).click();
    await expect(page.getByTestId('assessments-table')).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'assessment list (lead)');

    await page.getByTestId('assessments-table').getByRole('link', { name: 'Veterans Health Administration' }).click();
    await expect(page.getByTestId('progress-table')).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'assessment overview (lead)');

    const { id, domains } = await vhaAssessment(page);
    const [domain] = domains;
    const code = domain.criteria[0].code;
    await page.getByTestId('progress-table').getByRole('link').first().click();
    await expect(page.getByTestId(`criterion-${code}`)).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expectNoSeriousA11yViolations(page, 'domain questionnaire (lead)');

    // Keyboard only: focus the first level, move to level 3 with the arrow keys.
    await page.locator(`#level-${code}-1`).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.locator(`#level-${code}-3`)).toBeChecked();
    await expect(page.getByTestId(`save-state-${code}`)).toContainText('Saved at');
    await expect(page.getByTestId('page-save-state')).toContainText('All changes saved at');

    // Typing in the rationale autosaves after a short pause.
    await page.locator(`#rationale-${code}`).focus();
    await page.keyboard.type('We survey patients every month.');
    await expect(page.getByTestId(`save-state-${code}`)).toContainText('Saved at', { timeout: 5000 });

    await page.reload();
    await expect(page.locator(`#level-${code}-3`)).toBeChecked();
    await expect(page.locator(`#rationale-${code}`)).toHaveValue('We survey patients every month.');

    // "Does not apply" needs a reason: the error shows at the field and in the summary.
    const second = domain.criteria[1].code;
    await page.locator(`label[for="na-${second}"]`).click();
    await expect(page.locator(`#rationale-error-${second}`)).toContainText('Say why this question does not apply');
    await expect(page.getByTestId('error-summary')).toContainText('Question 2');
    await expectNoSeriousA11yViolations(page, 'domain questionnaire with a field error');
    await page.locator(`#rationale-${second}`).fill('We do not run this kind of service.');
    await page.locator(`#rationale-${second}`).blur();
    await expect(page.getByTestId(`save-state-${second}`)).toContainText('Saved at');
    await expect(page.getByTestId('error-summary')).toHaveCount(0);

    // Target for the area.
    await page.locator('#target-level').selectOption('4');
    await page.getByRole('button', { name: 'Save target' }).click();
    await expect(page.getByTestId('target-save-state')).toContainText('Saved at');

    await page.goto(`/assessments/${id}/summary`);
    await expect(page.getByTestId('bar-chart')).toBeVisible();
    await expect(page.getByTestId('bar')).toHaveCount(domains.length);
    await expect(page.getByTestId('scores-table').locator('tbody tr')).toHaveCount(domains.length);
    await expect(page.getByTestId('scores-table').locator('tbody tr').first()).toContainText('4');
    await expect(page.getByTestId('summary-text')).toContainText('points');
    await expectNoSeriousA11yViolations(page, 'summary');
  });

  test('should keep edits the server has not acknowledged on the device, and send them after a reload', async ({ page }) => {
    const { id, codes } = await openVhaArea(page, 4);
    const [failed, unsent] = [codes[0], codes[1]];
    // Texts unique to this run, so that they differ from whatever the server holds (the test can run again).
    const stamp = Date.now().toString(36);
    const [offlineText, lastText] = [`Written while offline (${stamp}).`, `Typed just before the reload (${stamp}).`];

    // The connection drops as the person works: their saves fail.
    await page.route('**/graphql', (route) =>
      route.request().postData()?.includes('saveCriterionResponse') ? route.abort('internetdisconnected') : route.fallback(),
    );
    await page.locator(`label[for="level-${failed}-2"]`).click();
    await page.locator(`#rationale-${failed}`).fill(offlineText);
    await page.locator(`#rationale-${failed}`).blur();
    await expect(page.getByTestId(`save-state-${failed}`)).toContainText('Not saved');
    await expect(page.getByTestId('save-summary')).toContainText('1 answer is not saved');
    // Another answer typed and the page reloaded at once, before its save was even due.
    await page.locator(`#rationale-${unsent}`).fill(lastText);

    await page.unroute('**/graphql');
    await page.reload();
    await expect(page.getByTestId('restored-drafts')).toContainText('2 answers you changed earlier on this device');
    await expect(page.getByTestId(`save-state-${failed}`)).toContainText('Saved at');
    await expect(page.getByTestId(`save-state-${unsent}`)).toContainText('Saved at');
    await expect(page.locator(`#level-${failed}-2`)).toBeChecked();
    await expectNoSeriousA11yViolations(page, 'domain questionnaire with restored edits');

    const { assessment } = await gql<{
      assessment: { responses: { criterionCode: string; level: number | null; rationale: string | null }[] };
    }>(page, 'query ($id: ID!) { assessment(id: $id) { responses { criterionCode level rationale } } }', { id });
    const byCode = new Map(assessment.responses.map((r) => [r.criterionCode, r]));
    expect(byCode.get(failed)).toMatchObject({ level: 2, rationale: offlineText });
    expect(byCode.get(unsent)).toMatchObject({ rationale: lastText });

    // Once acknowledged, nothing is left to send: another reload restores nothing.
    await page.reload();
    await expect(page.getByTestId(`criterion-${failed}`)).toBeVisible();
    await expect(page.locator(`#rationale-${unsent}`)).toHaveValue(lastText);
    await expect(page.getByTestId('restored-drafts')).toHaveCount(0);
  });

  test('should ask before signing out with unsent answers, and delete them from the device if told to', async ({ page }) => {
    const { url, codes } = await openVhaArea(page, 3);
    const code = codes[0];
    const serverText = await page.locator(`#rationale-${code}`).inputValue();

    await page.route('**/graphql', (route) =>
      route.request().postData()?.includes('saveCriterionResponse') ? route.abort('internetdisconnected') : route.fallback(),
    );
    await page.locator(`#rationale-${code}`).fill(`Typed on a shared computer (${Date.now().toString(36)}).`);
    await page.locator(`#rationale-${code}`).blur();
    await expect(page.getByTestId(`save-state-${code}`)).toContainText('Not saved');

    const signOut = () => page.getByRole('navigation', { name: 'Primary navigation' }).getByRole('button', { name: 'Sign out' }).click();
    await signOut();
    const dialog = page.getByRole('dialog', { name: 'Some of your answers are not saved yet' });
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('unsent-on-sign-out')).toContainText('1 answer you changed has not reached the server yet');
    await expectNoSeriousA11yViolations(page, 'sign-out with unsent answers');
    // Staying keeps everything as it was.
    await dialog.getByRole('button', { name: 'Stay signed in' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId(`save-state-${code}`)).toContainText('Not saved');

    await signOut();
    await dialog.getByRole('button', { name: 'Sign out and delete them' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    const left = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('cx-unsent-edits');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const keys = open.result.transaction('drafts', 'readonly').objectStore('drafts').getAllKeys();
            keys.onsuccess = () => resolve(keys.result.length);
          };
        }),
    );
    expect(left).toBe(0);

    // Back on this device, the server's answer is what shows: nothing restored.
    await page.unroute('**/graphql');
    await signIn(page, USERS.alicia);
    await page.goto(url);
    await expect(page.getByTestId(`criterion-${code}`)).toBeVisible();
    await expect(page.locator(`#rationale-${code}`)).toHaveValue(serverText);
    await expect(page.getByTestId('restored-drafts')).toHaveCount(0);
  });

  test('should retry a save whose answer was lost by itself, and not call it a conflict', async ({ page }) => {
    const { codes } = await openVhaArea(page, 4);
    const code = codes[2];

    // The save reaches the server and is written; the connection drops before the answer comes back.
    const dropped = await loseFirstSaveReply(page);
    const text = `Sent once, answer lost (${Date.now().toString(36)}).`;
    await page.locator(`#rationale-${code}`).fill(text);
    await page.locator(`#rationale-${code}`).blur();
    await expect(page.getByTestId(`save-state-${code}`)).toContainText('Not saved — trying again');

    // Autosave sends it again by itself and finds the server already holds it: saved, with no conflict to decide.
    await expect(page.getByTestId(`save-state-${code}`)).toContainText('Saved at');
    await expect(page.getByTestId(`conflict-${code}`)).toHaveCount(0);
    expect(dropped()).toBe(1);
  });

  test('should put an edit made after a save whose answer was lost on top of that save, not show it as a conflict', async ({ page }) => {
    const { codes } = await openVhaArea(page, 4);
    const code = codes[4];

    const dropped = await loseFirstSaveReply(page);
    const stamp = Date.now().toString(36);
    const field = page.locator(`#rationale-${code}`);
    await field.fill(`Written, answer lost (${stamp}).`);
    await field.blur();
    await expect(page.getByTestId(`save-state-${code}`)).toContainText('Not saved — trying again');

    // The person goes on before the retry: the server holds the first text at a version this page never heard of.
    await field.fill(`Written, answer lost, then edited (${stamp}).`);
    await field.blur();
    await expect(page.getByTestId(`save-state-${code}`)).toContainText('Saved at');
    await expect(page.getByTestId(`conflict-${code}`)).toHaveCount(0);
    expect(dropped()).toBe(1);
    await page.reload();
    await expect(field).toHaveValue(`Written, answer lost, then edited (${stamp}).`);
  });

  test('should send a save again by itself when a gateway in front of the API answers 502 or 504', async ({ page }) => {
    const { codes } = await openVhaArea(page, 4);
    const code = codes[3];

    // A load balancer's error pages, not the API's JSON: the save never reaches the API.
    const gateway = [502, 504];
    await page.route('**/graphql', async (route) => {
      const status = route.request().postData()?.includes('saveCriterionResponse') ? gateway.shift() : undefined;
      if (!status) return route.fallback();
      await route.fulfill({ status, contentType: 'text/html', body: '<html><body>Bad gateway</body></html>' });
    });
    const text = `Behind a gateway (${Date.now().toString(36)}).`;
    await page.locator(`#rationale-${code}`).fill(text);
    await page.locator(`#rationale-${code}`).blur();
    await expect(page.getByTestId(`save-state-${code}`)).toContainText('Not saved — trying again');
    await expect(page.getByTestId(`save-state-${code}`)).toContainText('Saved at', { timeout: 15_000 });
    expect(gateway).toEqual([]);
    await page.reload();
    await expect(page.locator(`#rationale-${code}`)).toHaveValue(text);
  });

  test('should show a conflict, never overwrite silently, and keep both values reachable', async ({ browser }) => {
    const first = await browser.newContext();
    const second = await browser.newContext();
    try {
      const a = await first.newPage();
      const b = await second.newPage();
      await signIn(a, USERS.alicia);
      await signIn(b, USERS.alicia);
      const { id, domains } = await vhaAssessment(a);
      const domain = domains[1];
      const code = domain.criteria[0].code;
      const url = `/assessments/${id}/domains/${domain.code}`;
      await a.goto(url);
      await b.goto(url);
      await expect(a.getByTestId(`criterion-${code}`)).toBeVisible();
      await expect(b.getByTestId(`criterion-${code}`)).toBeVisible();

      await a.locator(`label[for="level-${code}-2"]`).click();
      await expect(a.getByTestId(`save-state-${code}`)).toContainText('Saved at');

      await b.locator(`label[for="level-${code}-4"]`).click();
      const panel = b.getByTestId(`conflict-${code}`);
      await expect(panel).toContainText('Alicia Gomez changed this answer');
      await expect(panel).toContainText('Their answer: 2');
      await expect(panel).toContainText('Your answer: 4');
      await expectNoSeriousA11yViolations(b, 'conflict panel');

      // Nothing was overwritten: the first person's answer stands until someone decides.
      await a.reload();
      await expect(a.locator(`#level-${code}-2`)).toBeChecked();

      await b.getByRole('button', { name: 'Use mine' }).click();
      await expect(b.getByTestId(`save-state-${code}`)).toContainText('Saved at');
      await a.reload();
      await expect(a.locator(`#level-${code}-4`)).toBeChecked();
    } finally {
      await first.close();
      await second.close();
    }
  });

  test('should let a contributor edit only the questions assigned to them', async ({ page, browser }) => {
    await signIn(page, USERS.alicia);
    const { id, domains } = await vhaAssessment(page);
    const assigned = domains[2];
    const { demoUsers } = await gql<{ demoUsers: { id: string; displayName: string }[] }>(page, '{ demoUsers { id displayName } }');
    const ben = demoUsers.find((u) => u.displayName === 'Ben Carter')!;
    const assign = (assigneeUserId: string | null) =>
      gql(page, 'mutation ($input: AssignCriteriaInput!) { assignCriteria(input: $input) { id } }', {
        input: { assessmentId: id, domainCode: assigned.code, assigneeUserId, dueOn: assigneeUserId ? '2027-01-15' : null },
      });
    await assign(ben.id);

    const context = await browser.newContext();
    try {
      const benPage = await context.newPage();
      await signIn(benPage, USERS.ben);
      await benPage.getByTestId('my-assignments-link').click();
      await expect(benPage.getByTestId('assignments-table').locator('tbody tr')).toHaveCount(assigned.criteria.length);
      await expectNoSeriousA11yViolations(benPage, 'my assignments');

      const code = assigned.criteria[1].code;
      await benPage
        .getByTestId('assignments-table')
        .getByRole('link', { name: new RegExp(`^${code}:`) })
        .click();
      await expect(benPage).toHaveURL(new RegExp(`/domains/${assigned.code}#criterion-${code}$`));
      await expect(benPage.locator(`#level-${code}-1`)).toBeEnabled();
      await benPage.locator(`label[for="level-${code}-5"]`).click();
      await expect(benPage.getByTestId(`save-state-${code}`)).toContainText('Saved at');

      await benPage.goto(`/assessments/${id}/domains/${domains[0].code}`);
      const other = domains[0].criteria[0].code;
      await expect(benPage.getByTestId(`read-only-${other}`)).toBeVisible();
      await expect(benPage.getByTestId(`read-only-reason-${other}`)).toContainText('not assigned to you');
      await expect(benPage.locator(`#level-${other}-1`)).toHaveCount(0);
      await expectNoSeriousA11yViolations(benPage, 'domain questionnaire (contributor, read-only)');
    } finally {
      await context.close();
      // Leave Ben without assignments, as the seeded data has him.
      await assign(null);
    }
  });

  test('should download every answer as a CSV file for a spreadsheet', async ({ page }) => {
    await signIn(page, USERS.alicia);
    const { id, domains } = await vhaAssessment(page);
    const code = domains[3].criteria[0].code;
    const rationale = `Exported, with a comma (${Date.now().toString(36)})`;
    await gql(page, 'mutation ($input: SaveCriterionResponseInput!) { saveCriterionResponse(input: $input) { response { id } } }', {
      input: { assessmentId: id, criterionCode: code, expectedVersion: await versionOf(page, id, code), level: 3, rationale },
    });

    await page.goto(`/assessments/${id}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^Veterans Health Administration FY \d{4} capacity assessment\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toContain('Question code,Question,Level');
    const questions = domains.reduce((n, d) => n + d.criteria.length, 0);
    expect(lines.filter((l) => l !== '').length).toBeGreaterThanOrEqual(questions + 1);
    expect(lines.find((l) => l.includes(`,${code},`))).toContain(`,3,`);
    expect(lines.find((l) => l.includes(`,${code},`))).toContain(`"${rationale}"`);
  });

  test('should show OMB reviewers progress but not the answers of a draft', async ({ page }) => {
    await signIn(page, USERS.marcus);
    await page.getByRole('navigation', { name: 'Primary navigation' }).getByRole('link', { name: 'Assessments' }).click();
    const table = page.getByTestId('assessments-table');
    await expect(table).toBeVisible();
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(1);
    await expectNoSeriousA11yViolations(page, 'assessment list (OMB)');

    await table.getByRole('link', { name: 'Veterans Health Administration' }).click();
    await expect(page.getByText('Answers are visible once submitted')).toBeVisible();
    await expect(page.getByTestId('progress-table')).toBeVisible();
    // No contents, so nothing to download either.
    await expect(page.getByTestId('download-csv')).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, 'assessment overview (OMB)');

    await page.getByTestId('progress-table').getByRole('link').first().click();
    await expect(page.getByText('Answers are not visible yet')).toBeVisible();
    await expect(page.locator('[data-testid^="criterion-"]')).toHaveCount(0);
  });
});
