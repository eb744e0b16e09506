// Programme staff read the industry figures: the overview (stat cards, clusters plain and
// worker-weighted, critical issues, top issues), the issue ranking at each level, groups by
// dimension and trends, in English, Khmer and Chinese. Every chart has a table beside it,
// and a table's CSV download holds exactly the cells on screen.
import { expect, Page, test } from '@playwright/test';
import * as fs from 'fs';
import { chooseLanguage, Lang, LANGS, logIn, screenshot, t } from './fixtures/app';

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF), after its byte-order mark. */
function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0), 'the CSV starts with a byte-order mark').toBe(0xfeff);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The header row and body rows of a data table as the page shows them. */
async function tableCells(page: Page, testid: string): Promise<string[][]> {
  const table = page.getByTestId(testid);
  const header = await table.locator('thead th').allTextContents();
  const body = await table
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => Array.from(row.children).map((cell) => cell.textContent ?? '')));
  return [header, ...body];
}

/** Downloads the table's CSV and checks it cell by cell against the table on screen. */
async function expectCsvMatchesTable(page: Page, testid: string): Promise<void> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`${testid}-csv`).click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = parseCsv(fs.readFileSync(await download.path(), 'utf8'));
  const onScreen = await tableCells(page, testid);
  expect(onScreen.length, 'the table has rows').toBeGreaterThan(1);
  expect(csv).toEqual(onScreen);
}

/** The chart's container holds the canvas ECharts drew. */
async function expectChart(page: Page, id: string): Promise<void> {
  await expect(page.locator(`#${id} canvas`).first()).toBeVisible();
}

/** The page never scrolls sideways; wide tables scroll inside their own box. */
async function expectNoPageOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('an administrator reads the industry overview, ranking, groups and trends in three languages', async ({ page }, info) => {
  const project = info.project.name;
  await logIn(page, 'admin');
  await page.getByRole('navigation', { name: t('en', 'nav.main') }).getByRole('link', { name: t('en', 'nav.analytics') }).click();
  await expect(page).toHaveURL(/\/analytics$/);

  // Overview: stat cards, clusters plain and weighted, critical issues, top issues.
  await expect(page.getByRole('heading', { name: t('en', 'analytics.overview.title'), level: 1 })).toBeVisible();
  // The demo factories and the generated demo industry, as the API counts them.
  const overview = (await (await page.request.get('/api/analytics/overview')).json()) as { factories: number };
  expect(overview.factories).toBeGreaterThan(6);
  await expect(page.getByTestId('stat-factories')).toHaveText(overview.factories.toLocaleString('en-US'));
  await expectChart(page, 'overview-clusters-chart');
  await expect(page.getByTestId('overview-clusters-table').locator('tbody tr').first()).toBeVisible();
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(page.getByRole('heading', { name: t(lang, 'analytics.clusters.title') })).toBeVisible();
    await expect(page.getByText(t(lang, 'analytics.clusters.hint'))).toBeVisible();
    const clusters = page.getByTestId('overview-clusters-table');
    await expect(clusters.getByRole('columnheader', { name: t(lang, 'analytics.series.weighted_rate') })).toBeVisible();
    await expect(page.getByTestId('overview-top-table').getByRole('columnheader', { name: t(lang, 'analytics.col.rank') })).toBeVisible();
    await expectChart(page, 'overview-clusters-chart');
    await screenshot(page, `analytics-overview-${lang}`, project);
  }
  await chooseLanguage(page, 'zh');
  await expectCsvMatchesTable(page, 'overview-clusters-table');
  await expectCsvMatchesTable(page, 'overview-critical-table');
  await chooseLanguage(page, 'en');

  // Narrow to one province: fewer factories, and the subtitle names the group.
  const all = Number(await page.getByTestId('stat-factories').textContent());
  await page.getByLabel(t('en', 'analytics.scope.narrow_by')).selectOption('province');
  const group = page.getByLabel(t('en', 'analytics.scope.group'));
  await expect(group.locator('option')).not.toHaveCount(1);
  const province = (await group.locator('option').nth(1).getAttribute('value')) ?? '';
  await group.selectOption(province);
  await expect(page.getByTestId('analytics-scope')).toContainText(t('en', 'group.dimension.province'));
  await expect(page.getByTestId('stat-factories')).not.toHaveText(String(all));
  expect(Number(await page.getByTestId('stat-factories').textContent())).toBeGreaterThan(0);
  await expectCsvMatchesTable(page, 'overview-top-table');

  // Issue ranking: questions, then compliance points, then clusters.
  await page.getByRole('link', { name: t('en', 'analytics.tab.issues') }).click();
  await expect(page.getByRole('heading', { name: t('en', 'analytics.issues.title'), level: 1 })).toBeVisible();
  await expectChart(page, 'issues-chart');
  const levels = page.getByTestId('issue-level');
  const ranking = page.getByTestId('issues-table');
  await expect(levels.getByRole('button', { name: t('en', 'analytics.level.question'), exact: true })).toHaveAttribute('aria-pressed', 'true');
  const questions = await ranking.locator('tbody tr').count();
  expect(questions).toBeGreaterThan(0);
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    const point = page.waitForResponse((response) => response.url().includes('level=point'));
    await levels.getByRole('button', { name: t(lang, 'analytics.level.point'), exact: true }).click();
    await point;
    await expect(levels.getByRole('button', { name: t(lang, 'analytics.level.point'), exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(ranking.getByRole('columnheader', { name: t(lang, 'analytics.col.non_compliant_of_assessed') })).toBeVisible();
    await expectChart(page, 'issues-chart');
    await screenshot(page, `analytics-issues-${lang}`, project);
    await levels.getByRole('button', { name: t(lang, 'analytics.level.question'), exact: true }).click();
  }
  await chooseLanguage(page, 'km');
  await expectCsvMatchesTable(page, 'issues-table');
  const cluster = page.waitForResponse((response) => response.url().includes('level=cluster'));
  await levels.getByRole('button', { name: t('km', 'analytics.level.cluster'), exact: true }).click();
  await cluster;
  await expect(page.getByText(t('km', 'analytics.issues.cluster_hint'))).toBeVisible();
  await expect(ranking.locator('tbody tr').first()).toBeVisible();
  await expectCsvMatchesTable(page, 'issues-table');
  await chooseLanguage(page, 'en');

  // Groups: by product (the default), then by province.
  await page.getByRole('link', { name: t('en', 'analytics.tab.groups') }).click();
  await expect(page.getByRole('heading', { name: t('en', 'analytics.groups.title'), level: 1 })).toBeVisible();
  const groups = page.getByTestId('groups-table');
  await expect(groups.getByRole('rowheader', { name: t('en', 'group.industry') })).toBeVisible();
  await expect(groups.getByRole('rowheader', { name: t('en', 'product.garment') })).toBeVisible();
  const dimensions = page.getByTestId('group-dimension');
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await dimensions.getByRole('button', { name: t(lang, 'group.dimension.province'), exact: true }).click();
    await expect(groups.getByRole('columnheader', { name: t(lang, 'group.dimension.province') })).toBeVisible();
    await expect(groups.getByRole('rowheader', { name: t(lang, 'province.kampong_speu') })).toBeVisible();
    await expectChart(page, 'groups-chart');
    await screenshot(page, `analytics-groups-${lang}`, project);
    await dimensions.getByRole('button', { name: t(lang, 'group.dimension.size_band'), exact: true }).click();
    await expect(groups.getByRole('columnheader', { name: t(lang, 'group.dimension.size_band') })).toBeVisible();
  }
  await chooseLanguage(page, 'en');
  await dimensions.getByRole('button', { name: t('en', 'group.dimension.union_presence'), exact: true }).click();
  await expect(groups.getByRole('columnheader', { name: t('en', 'group.dimension.union_presence') })).toBeVisible();
  // The chart can show one cluster instead of the average of all.
  const clusterChoice = page.getByLabel(t('en', 'analytics.groups.cluster_shown'));
  await clusterChoice.selectOption({ index: 1 });
  await expectChart(page, 'groups-chart');
  await expectCsvMatchesTable(page, 'groups-table');
  await expectNoPageOverflow(page);

  // Trends: half-years (the default), then quarters and years; employment on two axes.
  await page.getByRole('link', { name: t('en', 'analytics.tab.trends') }).click();
  await expect(page.getByRole('heading', { name: t('en', 'analytics.trends.title'), level: 1 })).toBeVisible();
  await expectChart(page, 'trends-chart');
  await expectChart(page, 'employment-chart');
  const granularity = page.getByTestId('trend-granularity');
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    const year = page.waitForResponse((response) => response.url().includes('granularity=year'));
    await granularity.getByRole('button', { name: t(lang, 'analytics.granularity.year'), exact: true }).click();
    await year;
    await expect(page.getByTestId('employment-table').getByRole('columnheader', { name: t(lang, 'analytics.col.women_share') })).toBeVisible();
    await expectChart(page, 'trends-chart');
    await screenshot(page, `analytics-trends-${lang}`, project);
    await granularity.getByRole('button', { name: t(lang, 'analytics.granularity.half'), exact: true }).click();
  }
  await chooseLanguage(page, 'en');
  await granularity.getByRole('button', { name: t('en', 'analytics.granularity.quarter'), exact: true }).click();
  await expect(page.getByTestId('trends-table').locator('tbody tr th').first()).toHaveText(/\d{4} Q\d/);
  await expectCsvMatchesTable(page, 'trends-table');
  await expectCsvMatchesTable(page, 'employment-table');
  await expectNoPageOverflow(page);
});

test('an approver reads the overview for a period and downloads the top issues', async ({ page }, info) => {
  await logIn(page, 'approver');
  await page.goto('/analytics');
  await expectChart(page, 'overview-clusters-chart');
  // The first year offered in the period list.
  const period = page.getByLabel(t('en', 'analytics.scope.period'));
  await expect(period.locator('optgroup').first().locator('option')).not.toHaveCount(0);
  const year = (await period.locator('optgroup').first().locator('option').first().getAttribute('value')) ?? '';
  await period.selectOption(year);
  const lang: Lang = 'zh';
  await chooseLanguage(page, lang);
  await expect(page.getByTestId('analytics-scope')).toHaveText(
    t(lang, 'analytics.scope.latest_in', { period: t(lang, 'analytics.period.year', { year }) }),
  );
  await expectChart(page, 'overview-top-chart');
  await expectCsvMatchesTable(page, 'overview-top-table');
  await screenshot(page, `analytics-overview-period-${lang}`, info.project.name);
  await chooseLanguage(page, 'en');
});
