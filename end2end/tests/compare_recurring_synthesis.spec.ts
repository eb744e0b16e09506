// Buyers compare the factories that granted them access; trainers read the recurring issues
// to plan training; staff read a period's synthesis report.
import { expect, test } from '@playwright/test';
import { chooseLanguage, LANGS, logIn, screenshot, t } from './fixtures/app';

test('a buyer compares three granted factories side by side and against the industry', async ({ page }, info) => {
  await logIn(page, 'buyer');
  await page.getByRole('link', { name: t('en', 'nav.compare') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'compare.title'));
  await expect(page.getByText(t('en', 'compare.choose'))).toBeVisible();

  // The picker offers exactly the factories the server says this buyer may compare.
  const allowed: { id: number; name: string }[] = await (
    await page.request.get('/api/analytics/comparable-factories')
  ).json();
  expect(allowed.length).toBeGreaterThanOrEqual(3);
  const picker = page.getByTestId('compare-picker');
  await expect(picker.getByRole('checkbox')).toHaveCount(allowed.length);

  const chosen = allowed.slice(0, 3);
  for (const factory of chosen) {
    await picker.getByLabel(factory.name).check();
  }
  await expect(page).toHaveURL(new RegExp(`factories=${chosen.map((f) => f.id).join(',')}$`));
  const table = page.getByTestId('compare-table');
  const headers = table.locator('thead th');
  await expect(headers).toHaveCount(1 + chosen.length + 1);
  for (const [index, factory] of chosen.entries()) {
    await expect(headers.nth(1 + index)).toHaveText(factory.name);
  }
  await expect(headers.last()).toHaveText(t('en', 'compare.industry_average'));
  await expect(page.getByTestId('compare-chart').locator('canvas')).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(chosen[0].name) })).toHaveAttribute('href', /\/reports\/\d+$/);

  // The choice is in the address: a reload shows the same comparison.
  await page.reload();
  await expect(table.locator('thead th')).toHaveCount(1 + chosen.length + 1);
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(table.locator('thead th').last()).toHaveText(t(lang, 'compare.industry_average'));
    await screenshot(page, `compare-${lang}`, info.project.name);
  }

  // A factory outside the buyer's grants is answered as if it did not exist.
  const allIds = allowed.map((f) => f.id);
  const outsider = Math.max(...allIds) + 1;
  const refused = await page.request.get(`/api/analytics/compare?factories=${chosen[0].id},${outsider}`);
  expect(refused.status()).toBe(404);
});

test('a trainer sees the recurring issues ranked and the factories concerned', async ({ page }, info) => {
  await logIn(page, 'trainer');
  await page.getByRole('link', { name: t('en', 'nav.analytics') }).click();
  await page.getByRole('link', { name: t('en', 'analytics.tab.recurring') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'recurring.title'));
  const rows = page.getByTestId('recurring-table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId('recurring-chart').locator('canvas')).toBeVisible();
  // The industry's blind spots: the demo has too few self-assessing factories to show points,
  // and the page says why rather than exposing one factory's self-assessment.
  const blindSpots = page.getByTestId('blind-spots');
  await expect(blindSpots.getByRole('heading', { name: t('en', 'blind_spots.title') })).toBeVisible();
  await expect(blindSpots.getByTestId('blind-spots-suppressed')).toHaveText(t('en', 'blind_spots.suppressed', { minimum: '5' }));

  // Most widespread first.
  const counts = (await rows.locator('td:last-child').allTextContents()).map(Number);
  expect(counts.length).toBeGreaterThan(0);
  expect([...counts].sort((a, b) => b - a)).toEqual(counts);

  // The factories concerned by the first point, one tap away.
  const firstPoint = page.getByTestId('recurring-factories').locator('details').first();
  await firstPoint.locator('summary').click();
  await expect(firstPoint.locator('.link-list').getByRole('link')).toHaveCount(Math.min(counts[0], 30));

  // Narrowed to one province, no point can concern more factories than before.
  await page.getByLabel(t('en', 'recurring.narrow_by')).selectOption('province');
  const group = page.getByLabel(t('en', 'recurring.group'), { exact: true });
  await expect(group.locator('option').nth(1)).toBeAttached();
  await group.selectOption({ index: 1 });
  await expect(page.getByTestId('recurring-table').or(page.getByText(t('en', 'recurring.none')))).toBeVisible();
  const narrowed = (await page.getByTestId('recurring-table').locator('tbody tr td:last-child').allTextContents()).map(Number);
  expect(narrowed.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(counts.reduce((a, b) => a + b, 0));

  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'recurring.title'));
    await screenshot(page, `recurring-${lang}`, info.project.name);
  }
});

test('an approver reads the synthesis report of a half-year and of a quarter', async ({ page }, info) => {
  await logIn(page, 'approver');
  await page.goto('/analytics/synthesis');
  const report = page.getByTestId('synthesis-report');
  await expect(report).toBeVisible();
  const period = page.getByLabel(t('en', 'synthesis.period'));
  const halfYear = await period.inputValue();
  expect(halfYear).toMatch(/^\d{4}-H[12]$/);
  await expect(page.getByTestId('synthesis-clusters-chart').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('synthesis-trend-table').locator('tbody tr').last()).toBeVisible();
  await expect(page.getByTestId('synthesis-progress-table')).toContainText(t('en', 'synthesis.all_clusters'));

  // The figures are those of the chosen period: the same as the overview of that period.
  const overview = await (await page.request.get(`/api/analytics/overview?period=${halfYear}`)).json();
  await expect(page.getByTestId('stat-factories')).toHaveText(String(overview.factories));

  const quarter = await period.locator('option').filter({ hasText: /Q\d/ }).first().getAttribute('value');
  await period.selectOption(quarter!);
  const quarterOverview = await (await page.request.get(`/api/analytics/overview?period=${quarter}`)).json();
  await expect(page.getByTestId('stat-factories')).toHaveText(String(quarterOverview.factories));
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'synthesis.title'));
    await screenshot(page, `synthesis-${lang}`, info.project.name);
  }
});
