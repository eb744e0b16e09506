// A factory manager's home page is their factory: the latest published report with compliance
// per cluster beside the industry (the same figures as the report page), the objection
// deadline while it runs, open and overdue corrective actions, upcoming clarification
// meetings, who reads the factory's reports and the way to the self-assessment. A factory
// without a published report reads a friendly message instead of empty tables.
import { expect, Page, test } from '@playwright/test';
import { chooseLanguage, LANGS, logIn, screenshot, t } from './fixtures/app';

type HistoryEntry = { visit_id: number; start_date: string; published_at: number };
type Action = { status: string; target_date: string };
type Meeting = { status: string };
type Grant = { organisation_name: string; revoked_at: number | null };

async function getJson(page: Page, url: string) {
  const response = await page.request.get(url);
  expect(response.ok(), url).toBeTruthy();
  return response.json();
}

async function csrf(page: Page): Promise<string> {
  return ((await getJson(page, '/api/auth/me')) as { csrf_token: string }).csrf_token;
}

/** A day in the browser's time zone, as the page dates things. */
function isoDay(day: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** Noon of `iso` plus `days`, in the browser's time zone. */
function noon(iso: string, days = 0): Date {
  const day = new Date(`${iso}T12:00:00`);
  day.setDate(day.getDate() + days);
  return day;
}

/** The cells of a figures table, row by row. */
async function tableCells(page: Page, testid: string): Promise<string[][]> {
  return page.getByTestId(testid).locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll('th, td')).map((cell) => (cell.textContent ?? '').trim())),
  );
}

test('the factory manager sees their factory at home in three languages', async ({ page }, info) => {
  await logIn(page, 'factory');
  const me = await getJson(page, '/api/auth/me');
  const factory = await getJson(page, `/api/factories/${me.factory_id}`);
  const history = (await getJson(page, `/api/factories/${me.factory_id}/reports`)) as HistoryEntry[];
  expect(history.length).toBeGreaterThan(0);
  const latest = [...history].sort(
    (a, b) => a.start_date.localeCompare(b.start_date) || a.published_at - b.published_at || a.visit_id - b.visit_id,
  )[history.length - 1];
  const report = await getJson(page, `/api/reports/${latest.visit_id}`);
  const plan = await getJson(page, `/api/reports/${latest.visit_id}/corrective-actions`);
  const meetings = await getJson(page, `/api/reports/${latest.visit_id}/meetings`);
  const grants = (await getJson(page, `/api/factories/${me.factory_id}/grants`)) as Grant[];

  // The browser stands on the last day to object (or today, for a report without a deadline).
  const today = report.objection_deadline ?? isoDay(new Date());
  await page.clock.setFixedTime(noon(today));
  await page.goto('/');
  const home = page.getByTestId('factory-home');
  await expect(home).toBeVisible();
  // The industry's workforce is for staff; the factory manager's home is their factory.
  await expect(page.locator('#province-workforce-chart')).toHaveCount(0);
  await expect(page.getByTestId('home-factory-name')).toHaveText(factory.name);
  await expect(page.getByTestId('home-latest-report')).toHaveAttribute('data-visit', String(latest.visit_id));
  await expect(page.getByTestId('home-visit-date')).toContainText(report.visit.start_date);
  await expect(page.getByTestId('home-report-link')).toHaveAttribute('href', `/reports/${latest.visit_id}`);

  // The objection deadline, on its last day.
  const deadline = page.getByTestId('home-objection-deadline');
  if (report.objection_deadline) {
    await expect(deadline).toHaveText(t('en', 'home.objection_until', { date: report.objection_deadline }));
  } else {
    await expect(deadline).toHaveCount(0);
  }

  // Open corrective actions of the latest report, and how many are overdue.
  const open = (plan.actions as Action[]).filter((action) => action.status !== 'done');
  const overdue = open.filter((action) => action.target_date < today);
  await expect(page.getByTestId('home-open-count')).toHaveText(String(open.length));
  await expect(page.getByTestId('home-overdue-count')).toHaveText(String(overdue.length));
  await expect(page.getByTestId('home-open-action')).toHaveCount(open.length);
  await expect(page.locator('[data-testid="home-open-action"][data-overdue="true"]')).toHaveCount(overdue.length);

  // Meetings with a date, not yet held.
  const upcoming = (meetings.meetings as Meeting[]).filter((meeting) => meeting.status === 'scheduled');
  await expect(page.getByTestId('home-meeting')).toHaveCount(upcoming.length);
  if (upcoming.length === 0) await expect(page.getByTestId('home-no-meetings')).toBeVisible();

  // Who reads the reports: the standing grants, and the way to the access page.
  const standing = grants.filter((grant) => grant.revoked_at === null);
  await expect(page.getByTestId('home-access-organisation')).toHaveCount(standing.length);
  for (const grant of standing) {
    await expect(page.getByTestId('home-access').getByText(grant.organisation_name, { exact: true })).toBeVisible();
  }
  await expect(page.getByTestId('home-access-link')).toHaveAttribute('href', '/access');
  await expect(page.getByTestId('home-self-assessment-link')).toHaveAttribute('href', '/self-assessments');

  const clusterRows = page.getByTestId('home-clusters-table').locator('tbody tr');
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(page.getByRole('heading', { name: t(lang, 'home.latest_report') })).toBeVisible();
    await expect(page.getByRole('heading', { name: t(lang, 'home.clusters_title') })).toBeVisible();
    await expect(page.getByRole('heading', { name: t(lang, 'home.actions_title') })).toBeVisible();
    await expect(page.getByRole('heading', { name: t(lang, 'home.meetings_title') })).toBeVisible();
    await expect(page.getByRole('heading', { name: t(lang, 'home.access_title') })).toBeVisible();
    await expect(page.getByRole('heading', { name: t(lang, 'home.self_title') })).toBeVisible();
    await expect(page.locator('#home-clusters-chart canvas').first()).toBeVisible();
    await expect(clusterRows).toHaveCount(report.clusters.length);
    await expect(clusterRows.first().locator('th')).toHaveText(report.clusters[0].name[lang]);
    await screenshot(page, `factory-home-${lang}`, info.project.name);
  }
  await chooseLanguage(page, 'en');

  // The day after the deadline and every target date: the deadline is gone, every open action
  // is overdue.
  const lastDay = [today, ...open.map((action) => action.target_date)].sort().at(-1)!;
  await page.clock.setFixedTime(noon(lastDay, 1));
  await page.reload();
  await expect(page.getByTestId('home-latest-report')).toBeVisible();
  await expect(deadline).toHaveCount(0);
  await expect(page.getByTestId('home-open-count')).toHaveText(String(open.length));
  await expect(page.getByTestId('home-overdue-count')).toHaveText(String(open.length));
  await expect(page.locator('[data-testid="home-open-action"][data-overdue="true"]')).toHaveCount(open.length);
  await screenshot(page, 'factory-home-late-en', info.project.name);

  // The cluster table reads the report page's figures: cluster, the factory's rate and the
  // industry's average.
  const homeCells = await tableCells(page, 'home-clusters-table');
  await page.getByTestId('home-report-link').click();
  await expect(page).toHaveURL(new RegExp(`/reports/${latest.visit_id}$`));
  await expect(page.getByTestId('report-clusters-table').locator('tbody tr')).toHaveCount(report.clusters.length);
  const reportCells = await tableCells(page, 'report-clusters-table');
  expect(homeCells.map(([cluster, rate, industry]) => [cluster, rate, industry])).toEqual(
    reportCells.map((row) => [row[0], row[3], row[4]]),
  );
});

test('a factory without a published report gets a friendly word and the self-assessment', async ({ page }, info) => {
  const username = `home.${info.project.name}`;
  await logIn(page, 'admin');
  const headers = { 'x-csrf-token': await csrf(page) };
  const created = await page.request.post('/api/factories', {
    headers,
    data: {
      name: `Tonle Bassac Apparel ${info.project.name}`,
      address: 'National Road 2, Takhmao',
      province: 'Kandal',
      product_type: 'garment',
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const factory = await created.json();
  const user = await page.request.post('/api/users', {
    headers,
    data: { username, display_name: 'Chan Sophea', role: 'factory_manager', factory_id: factory.id },
  });
  expect(user.ok(), await user.text()).toBeTruthy();
  const temporary = (await user.json()).temporary_password as string;

  // The new manager replaces the temporary password first.
  await page.context().clearCookies();
  await logIn(page, username, temporary);
  await expect(page).toHaveURL(/\/account$/);
  const passphrase = 'mekong river at first light';
  await page.getByLabel(t('en', 'account.current_password'), { exact: true }).fill(temporary);
  await page.getByLabel(t('en', 'account.new_password'), { exact: true }).fill(passphrase);
  await page.getByLabel(t('en', 'account.confirm_password')).fill(passphrase);
  await page.getByRole('button', { name: t('en', 'common.save') }).click();
  await expect(page).toHaveURL(/\/$/);

  const home = page.getByTestId('factory-home');
  await expect(home).toBeVisible();
  await expect(page.getByTestId('home-factory-name')).toHaveText(factory.name);
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    const message = page.getByTestId('home-no-report');
    await expect(message.getByRole('heading', { name: t(lang, 'home.no_report_title') })).toBeVisible();
    await expect(message).toContainText(t(lang, 'home.no_report_text'));
    await expect(page.getByTestId('home-self-assessment-link')).toHaveText(t(lang, 'home.self_link'));
    await expect(page.getByTestId('home-no-access')).toHaveText(t(lang, 'home.no_access'));
    // No empty figures: no table, no chart, no report link.
    await expect(home.locator('table')).toHaveCount(0);
    await expect(home.locator('.chart')).toHaveCount(0);
    await expect(page.getByTestId('home-report-link')).toHaveCount(0);
    await screenshot(page, `factory-home-no-report-${lang}`, info.project.name);
  }
  await chooseLanguage(page, 'en');
});
