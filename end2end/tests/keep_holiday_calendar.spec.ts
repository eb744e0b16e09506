// Administrators keep the public-holiday calendar that working-day deadlines skip.
import { expect, test } from '@playwright/test';
import { chooseLanguage, LANGS, logIn, screenshot, t } from './fixtures/app';

test('an administrator adds a holiday, is told of a duplicate, and removes it', async ({ page }, info) => {
  await logIn(page, 'admin');
  await page.getByRole('link', { name: t('en', 'nav.holidays') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'holidays.title'));

  // The shipped calendar ends with 2025: the years deadlines are counted in now have no
  // holidays, and the page says so, naming them.
  const coverage = await (await page.request.get('/api/holidays/coverage')).json();
  expect(coverage.years_without_holidays.length).toBeGreaterThan(0);
  await expect(page.getByTestId('holiday-coverage-warning')).toHaveText(
    t('en', 'holidays.coverage_warning', { years: coverage.years_without_holidays.join(', ') }),
  );

  // The calendar shipped with the product: Khmer New Year 2025 is three days off.
  await page.getByLabel(t('en', 'holidays.year')).selectOption('2025');
  const table = page.getByTestId('holiday-table');
  await expect(table.getByRole('row', { name: /Khmer New Year/ })).toHaveCount(3);

  // Nothing typed: each field says what is missing, and nothing is saved.
  await page.getByRole('button', { name: t('en', 'holidays.add') }).click();
  await expect(page.getByText(t('en', 'validation.required')).first()).toBeVisible();

  await page.getByLabel(t('en', 'holidays.date')).fill('2025-12-10');
  await page.getByLabel(t('en', 'holidays.name')).fill('Human Rights Day');
  await page.getByRole('button', { name: t('en', 'holidays.add') }).click();
  await expect(page.getByRole('status')).toHaveText(
    t('en', 'holidays.added', { date: '2025-12-10', name: 'Human Rights Day' }),
  );
  await expect(table.getByRole('row', { name: /Human Rights Day/ })).toHaveCount(1);

  // The same day again is refused, and what was typed stays for correction.
  await page.getByLabel(t('en', 'holidays.date')).fill('2025-12-10');
  await page.getByLabel(t('en', 'holidays.name')).fill('Human Rights Day');
  await page.getByRole('button', { name: t('en', 'holidays.add') }).click();
  await expect(page.getByText(t('en', 'validation.holiday_exists'))).toBeVisible();
  await expect(page.getByLabel(t('en', 'holidays.name'))).toHaveValue('Human Rights Day');

  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'holidays.title'));
    await screenshot(page, `holidays-${lang}`, info.project.name);
  }
  await chooseLanguage(page, 'en');

  await page.getByRole('button', { name: t('en', 'holidays.remove_label', { date: '2025-12-10' }) }).click();
  await expect(table.getByRole('row', { name: /Human Rights Day/ })).toHaveCount(0);
  const listed = await (await page.request.get('/api/holidays?year=2025')).json();
  expect(listed.map((h: { date: string }) => h.date)).not.toContain('2025-12-10');
});
