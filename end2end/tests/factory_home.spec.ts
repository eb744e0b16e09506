// A factory manager's home page is their factory: the latest published report with compliance
// per cluster beside the industry (the same figures as the report page), the objection
// deadline while it runs, the factory's one list of open actions (corrective actions and the
// improvement actions it identified in its self-assessments, marked self-identified) with how
// many are overdue on the server's date, upcoming clarification meetings, who reads the
// factory's reports and the way to the self-assessment. A factory without a published report
// reads a friendly message instead of empty tables, and still sees its own actions.
import { expect, Page, test } from '@playwright/test';
import {
  chooseLanguage, LANGS, logIn, resetServerClock, screenshot, setServerClock, t,
} from './fixtures/app';

const DAY = 86_400;

type HistoryEntry = { visit_id: number; start_date: string; published_at: number };
type Action = {
  id: number;
  source: 'report' | 'self_identified';
  origin_id: number;
  description: string;
  status: string;
  target_date: string;
  overdue: boolean;
};
type FactoryActions = { actions: Action[]; open: number; overdue: number };
type Question = { code: string; kind: 'yes_no' | 'number' | 'text' };
type Capture = { cluster: { points: { questions: Question[] }[] } };
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

/** `iso` plus `days`, as an ISO date. */
function shiftIso(iso: string, days: number): string {
  return isoDay(noon(iso, days));
}

/** Noon in Phnom Penh on an ISO date, as Unix seconds: the server dates things in Cambodia. */
function noonInPhnomPenh(iso: string): number {
  return Date.parse(`${iso}T12:00:00+07:00`) / 1000;
}

/**
 * Stands the server on `iso` (noon in Phnom Penh), which decides what is overdue, and signs
 * `username` in again: a session opened on an earlier day may have ended on the new one.
 */
async function serverDay(page: Page, iso: string, username: string, password?: string): Promise<void> {
  await setServerClock(page, noonInPhnomPenh(iso));
  await page.context().clearCookies();
  await logIn(page, username, password);
}

/**
 * The signed-in factory manager assesses the child labour cluster themself (through the API),
 * rating its first scored question non-compliant, and turns that point into an improvement
 * action due on `targetDate`. Returns the self-assessment's id.
 */
async function planImprovementAction(page: Page, description: string, targetDate: string): Promise<number> {
  const headers = { 'x-csrf-token': await csrf(page) };
  // Only one self-assessment may be in progress: complete what an earlier test left.
  const list = (await getJson(page, '/api/self-assessments')) as { id: number; status: string; clusters: string[] }[];
  for (const leftover of list.filter((s) => s.status === 'in_progress')) {
    await answerAll(page, leftover.id, leftover.clusters, headers);
    const done = await page.request.post(`/api/self-assessments/${leftover.id}/complete`, { headers });
    expect(done.status(), await done.text()).toBe(200);
  }
  const started = await page.request.post('/api/self-assessments', { headers, data: { clusters: ['CHI'] } });
  expect(started.status(), await started.text()).toBe(201);
  const id = ((await started.json()) as { id: number }).id;
  const questionCode = await answerAll(page, id, ['CHI'], headers);
  const completed = await page.request.post(`/api/self-assessments/${id}/complete`, { headers });
  expect(completed.status(), await completed.text()).toBe(200);
  const planned = await page.request.post(`/api/self-assessments/${id}/improvement-actions`, {
    headers,
    data: { question_code: questionCode, description, responsible: 'HR manager', target_date: targetDate, status: 'in_progress' },
  });
  expect(planned.status(), await planned.text()).toBe(201);
  return id;
}

/**
 * Answers every question of `clusters`: the first scored one non-compliant, the others
 * compliant (or a value). Returns the code of the question rated non-compliant.
 */
async function answerAll(page: Page, id: number, clusters: string[], headers: Record<string, string>): Promise<string> {
  let nonCompliant = '';
  for (const code of clusters) {
    const capture = (await getJson(page, `/api/self-assessments/${id}/clusters/${code}`)) as Capture;
    const answers = capture.cluster.points
      .flatMap((point) => point.questions)
      .map((q) => {
        if (q.kind !== 'yes_no') {
          return { question_code: q.code, value: q.kind === 'number' ? '1' : 'none', changed_at: Date.now() };
        }
        const first = nonCompliant === '';
        if (first) nonCompliant = q.code;
        return { question_code: q.code, choice: first ? 'non_compliant' : 'compliant', changed_at: Date.now() };
      });
    const saved = await page.request.post(`/api/self-assessments/${id}/answers`, { headers, data: { answers } });
    expect(saved.status(), await saved.text()).toBe(200);
  }
  return nonCompliant;
}

/** The links of the listed actions from `source`, sorted. */
async function sourceLinks(page: Page, source: string): Promise<string[]> {
  const links = await page
    .locator(`[data-testid="home-open-action"][data-source="${source}"] [data-testid="home-action-source"]`)
    .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
  return links.sort();
}

/** The links the open actions from `source` should have, sorted. */
function expectedLinks(open: Action[], source: Action['source']): string[] {
  return open
    .filter((action) => action.source === source)
    .map((action) =>
      source === 'report' ? `/reports/${action.origin_id}` : `/self-assessments/${action.origin_id}/result`,
    )
    .sort();
}

test.afterEach(async ({ page }) => {
  // Specs share one server.
  await resetServerClock(page);
});

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
  const meetings = await getJson(page, `/api/reports/${latest.visit_id}/meetings`);
  const grants = (await getJson(page, `/api/factories/${me.factory_id}/grants`)) as Grant[];

  // The browser stands on the last day to object (or today, for a report without a deadline);
  // the server, which decides what is overdue, on the same day.
  const today = report.objection_deadline ?? isoDay(new Date());
  // A corrective action for the report's last finding, due the day after (not overdue yet)...
  const finding = report.findings[report.findings.length - 1] as { question_code: string; point_name: { en: string } };
  const corrective = `Repair the fire exit signs on every floor (${info.project.name}, ${Date.now()})`;
  const posted = await page.request.post(`/api/reports/${latest.visit_id}/corrective-actions`, {
    headers: { 'x-csrf-token': await csrf(page) },
    data: { question_code: finding.question_code, description: corrective, responsible: 'Factory manager', target_date: shiftIso(today, 1), status: 'planned' },
  });
  expect(posted.status(), await posted.text()).toBe(201);
  // ...and a point the factory found to improve in its own self-assessment: an action due the
  // day before, so already overdue.
  const description = `Check every packing worker's age against their ID card (${info.project.name}, ${Date.now()})`;
  const selfAssessment = await planImprovementAction(page, description, shiftIso(today, -1));
  await serverDay(page, today, 'factory');
  const list = (await getJson(page, `/api/factories/${me.factory_id}/actions`)) as FactoryActions;
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

  // The factory's one list of open actions, corrective and self-identified, and how many are
  // overdue on the server's day (open after the target date).
  const open = list.actions.filter((action) => action.status !== 'done');
  const overdue = open.filter((action) => action.target_date < today);
  const selfIdentified = open.filter((action) => action.source === 'self_identified');
  expect(selfIdentified.length).toBeGreaterThan(0);
  expect(open.some((action) => action.source === 'report')).toBe(true);
  await expect(page.getByTestId('home-open-count')).toHaveText(String(open.length));
  await expect(page.getByTestId('home-overdue-count')).toHaveText(String(overdue.length));
  await expect(page.getByTestId('home-open-action')).toHaveCount(open.length);
  await expect(page.locator('[data-testid="home-open-action"][data-overdue="true"]')).toHaveCount(overdue.length);
  await expect(page.locator('[data-testid="home-open-action"][data-source="self_identified"]')).toHaveCount(selfIdentified.length);
  // Each action leads to where it was planned: the report's plan or the self-assessment.
  expect(await sourceLinks(page, 'report')).toEqual(expectedLinks(open, 'report'));
  expect(await sourceLinks(page, 'self_identified')).toEqual(expectedLinks(open, 'self_identified'));
  // The new one: marked self-identified, overdue, and counted as such.
  const mine = page.getByTestId('home-open-action').filter({ hasText: description });
  await expect(mine).toHaveAttribute('data-source', 'self_identified');
  await expect(mine).toHaveAttribute('data-overdue', 'true');
  await expect(mine.getByTestId('home-action-source')).toHaveText(t('en', 'home.source_self'));
  await expect(mine.getByTestId('home-action-source')).toHaveAttribute('href', `/self-assessments/${selfAssessment}/result`);
  await expect(mine).toContainText(t('en', 'home.overdue'));
  // The corrective one: marked as the report's, leading to it, naming its point, not overdue.
  const theirs = page.getByTestId('home-open-action').filter({ hasText: corrective });
  await expect(theirs).toHaveAttribute('data-source', 'report');
  await expect(theirs).toHaveAttribute('data-overdue', 'false');
  await expect(theirs.getByTestId('home-action-source')).toHaveText(t('en', 'home.source_report'));
  await expect(theirs.getByTestId('home-action-source')).toHaveAttribute('href', `/reports/${latest.visit_id}`);
  await expect(theirs).toContainText(finding.point_name.en);

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
    await expect(mine.getByTestId('home-action-source')).toHaveText(t(lang, 'home.source_self'));
    await expect(page.getByRole('heading', { name: t(lang, 'home.meetings_title') })).toBeVisible();
    await expect(page.getByRole('heading', { name: t(lang, 'home.access_title') })).toBeVisible();
    await expect(page.getByRole('heading', { name: t(lang, 'home.self_title') })).toBeVisible();
    await expect(page.locator('#home-clusters-chart canvas').first()).toBeVisible();
    await expect(clusterRows).toHaveCount(report.clusters.length);
    await expect(clusterRows.first().locator('th')).toHaveText(report.clusters[0].name[lang]);
    await screenshot(page, `factory-home-${lang}`, info.project.name);
  }
  await chooseLanguage(page, 'en');

  // The day after the deadline and every target date (the browser's and the server's): the
  // deadline is gone, every open action is overdue.
  const lastDay = [today, ...open.map((action) => action.target_date)].sort().at(-1)!;
  await serverDay(page, shiftIso(lastDay, 1), 'factory');
  await page.clock.setFixedTime(noon(lastDay, 1));
  await page.goto('/');
  await expect(page.getByTestId('home-latest-report')).toBeVisible();
  await expect(deadline).toHaveCount(0);
  await expect(page.getByTestId('home-open-count')).toHaveText(String(open.length));
  await expect(page.getByTestId('home-overdue-count')).toHaveText(String(open.length));
  await expect(page.locator('[data-testid="home-open-action"][data-overdue="true"]')).toHaveCount(open.length);
  await expect(mine).toHaveAttribute('data-overdue', 'true');
  await expect(theirs).toHaveAttribute('data-overdue', 'true');
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
    // No empty figures: no table, no chart, no report link, no action counts.
    await expect(home.locator('table')).toHaveCount(0);
    await expect(home.locator('.chart')).toHaveCount(0);
    await expect(page.getByTestId('home-report-link')).toHaveCount(0);
    await expect(page.getByTestId('home-actions')).toHaveCount(0);
    await screenshot(page, `factory-home-no-report-${lang}`, info.project.name);
  }
  await chooseLanguage(page, 'en');

  // Its own self-assessment finds a point to improve: one action due tomorrow on the server's
  // day. Without a report, the home lists it all the same.
  const today = isoDay(new Date());
  const description = 'Ask every new packing worker for an ID card before the first shift';
  const selfAssessment = await planImprovementAction(page, description, shiftIso(today, 1));
  await serverDay(page, today, username, passphrase);
  await page.goto('/');
  await expect(page.getByTestId('home-no-report')).toBeVisible();
  const actions = page.getByTestId('home-actions');
  await expect(actions.getByRole('heading', { name: t('en', 'home.actions_title') })).toBeVisible();
  const row = page.getByTestId('home-open-action');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(description);
  await expect(row).toHaveAttribute('data-source', 'self_identified');
  await expect(row).toHaveAttribute('data-overdue', 'false');
  await expect(row.getByTestId('home-action-source')).toHaveText(t('en', 'home.source_self'));
  await expect(row.getByTestId('home-action-source')).toHaveAttribute('href', `/self-assessments/${selfAssessment}/result`);
  await expect(page.getByTestId('home-open-count')).toHaveText('1');
  await expect(page.getByTestId('home-overdue-count')).toHaveText('0');
  // There is no report plan to open, and still no report figures.
  await expect(actions.getByRole('link', { name: t('en', 'home.open_plan') })).toHaveCount(0);
  await expect(home.locator('.chart')).toHaveCount(0);
  await screenshot(page, 'factory-home-no-report-action-en', info.project.name);

  // Two days on (on the server), past its target date: the same action is overdue.
  await serverDay(page, shiftIso(today, 2), username, passphrase);
  await page.goto('/');
  await expect(row).toHaveAttribute('data-overdue', 'true');
  await expect(page.getByTestId('home-overdue-count')).toHaveText('1');
  await expect(row).toContainText(t('en', 'home.overdue'));

  // Its source leads to the self-assessment's result.
  await row.getByTestId('home-action-source').click();
  await expect(page).toHaveURL(new RegExp(`/self-assessments/${selfAssessment}/result$`));
});
