import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export interface SeededUser {
  name: string;
  roleLabel: string;
  /** data-testid values of the home sections this person should see, in order. */
  sections: string[];
}

export const USERS = {
  dana: {
    name: 'Dana Whitfield',
    roleLabel: 'OMB administrator · Office of Management and Budget',
    sections: ['cycle-deadlines', 'omb-section'],
  },
  marcus: { name: 'Marcus Lee', roleLabel: 'OMB reviewer · Office of Management and Budget', sections: ['cycle-deadlines', 'omb-section'] },
  priya: {
    name: 'Priya Raman',
    roleLabel: 'OMB executive · Office of Management and Budget',
    sections: ['cycle-deadlines', 'omb-section'],
  },
  alicia: {
    name: 'Alicia Gomez',
    roleLabel: 'Agency CX lead · Veterans Health Administration',
    sections: ['cycle-deadlines', 'cx-lead-section'],
  },
  ben: {
    name: 'Ben Carter',
    roleLabel: 'Agency contributor · Veterans Health Administration',
    sections: ['cycle-deadlines', 'contributor-section'],
  },
  carla: {
    name: 'Carla Nguyen',
    roleLabel: 'Agency executive · Department of Veterans Affairs',
    sections: ['cycle-deadlines', 'executive-section'],
  },
  samuel: {
    name: 'Samuel Ortiz',
    roleLabel: 'Agency CX lead · Federal Emergency Management Agency',
    sections: ['cycle-deadlines', 'cx-lead-section'],
  },
  jordan: {
    name: 'Jordan Patel',
    roleLabel: 'Agency CX lead · Internal Revenue Service',
    sections: ['cycle-deadlines', 'cx-lead-section', 'executive-section'],
  },
} satisfies Record<string, SeededUser>;

/** USWDS hides the native radio off-screen and styles the label, so people (and we) click the label. */
export async function pickDemoUser(page: Page, name: string): Promise<void> {
  await page.locator('label.usa-radio__label', { hasText: name }).click();
  await expect(page.getByRole('radio', { name })).toBeChecked();
}

/** Signs in through the demo picker with the mouse and waits for the home page. */
export async function signIn(page: Page, user: SeededUser, path = '/sign-in'): Promise<void> {
  await page.goto(path);
  await pickDemoUser(page, user.name);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('header-user-name')).toHaveText(user.name);
}

/** WCAG 2.1 A/AA scan; fails on any serious or critical violation and lists them. */
export async function expectNoSeriousA11yViolations(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = serious.map((v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${state}`).toEqual([]);
}

export interface Framework {
  domains: { code: string; name: string; criteria: { code: string }[] }[];
}

/** Calls the API from the page, with its session cookie and CSRF token (as the app does). */
export async function gql<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return page.evaluate(
    async ({ query, variables }) => {
      const post = async (body: unknown, headers: Record<string, string> = {}) => {
        const response = await fetch('/graphql', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
        return (await response.json()) as { data: unknown; errors?: unknown[] };
      };
      const viewer = (await post({ query: '{ viewer { csrfToken } }' })).data as { viewer: { csrfToken: string } };
      const result = await post({ query, variables }, { 'x-csrf-token': viewer.viewer.csrfToken });
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data;
    },
    { query, variables },
  ) as Promise<T>;
}

/** An assessment in the signed-in user's scope, by organization name, with its framework's domains and criteria. */
export async function assessmentOf(page: Page, organizationName: string): Promise<{ id: string; domains: Framework['domains'] }> {
  const { assessments } = await gql<{ assessments: { id: string; organizationName: string }[] }>(
    page,
    '{ assessments { id organizationName } }',
  );
  const found = assessments.find((a) => a.organizationName === organizationName);
  if (!found) throw new Error(`No assessment for ${organizationName} in this user's scope`);
  const { assessment } = await gql<{ assessment: { framework: Framework } }>(
    page,
    'query ($id: ID!) { assessment(id: $id) { framework { domains { code name criteria { code } } } } }',
    { id: found.id },
  );
  return { id: found.id, domains: assessment.framework.domains };
}
