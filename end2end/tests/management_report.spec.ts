// Management reports: a report still unpublished five weeks after its visit is named past the
// publication target; an approver reads the turnaround figures, the reports waiting and what
// is late, in three languages; a monitor cannot open the page.
import { expect, test } from '@playwright/test';
import { apiPostJson, chooseLanguage, LANGS, logIn, screenshot, switchUser, t } from './fixtures/app';

const FACTORY = 'CPCG International Co. Ltd';

/** The ISO date (Cambodia) `days` before today. */
function daysAgo(days: number): string {
  const moment = new Date(Date.now() + 7 * 3600_000 - days * 86_400_000);
  return moment.toISOString().slice(0, 10);
}

test('a report past the publication target is named in the management report', async ({ page }, info) => {
  // A monitor records a visit that ended 35 days ago and has not submitted it.
  await logIn(page, 'monitor');
  const factories = (await (await page.request.get('/api/factories')).json()) as { id: number; name: string }[];
  const factory = factories.find((f) => f.name === FACTORY)!;
  const day = daysAgo(35);
  const created = await apiPostJson(page, '/api/visits', {
    factory_id: factory.id, visit_type: 'assessment', announced: false, start_date: day, end_date: day,
  });
  expect(created.status).toBe(201);
  expect((await page.request.get('/api/management')).status()).toBe(403);
  await expect(page.getByRole('link', { name: t('en', 'nav.management') })).toHaveCount(0);

  // The approver opens the management report.
  await switchUser(page, 'approver');
  await page.getByRole('link', { name: t('en', 'nav.management') }).click();
  await expect(page).toHaveURL(/\/management$/);
  const late = page.getByTestId('management-past-target');
  const row = late.locator('tr').filter({ has: page.locator(`a[href="/visits/${created.body.id}"]`) });
  await expect(row).toContainText(FACTORY);
  await expect(row).toContainText('35');
  await expect(page.getByTestId('management-waiting')).toBeVisible();
  await expect(page.getByTestId('management-turnaround-month')).toBeVisible();
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'management.title'));
    await screenshot(page, `management-report-${lang}`, info.project.name);
  }
  await chooseLanguage(page, 'en');
});
