// Administrators keep the factory registry: search and filters, a new factory through the
// form, and a CSV import that is refused whole until its bad lines are corrected.
import { expect, test } from '@playwright/test';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chooseLanguage, LANGS, logIn, screenshot, t } from './fixtures/app';

const REFERENCE = path.resolve(__dirname, '../../backend/tests/fixtures/cambodia_facilities_sample.csv');

test('an administrator imports the reference file after correcting its refused lines', async ({ page }, info) => {
  await logIn(page, 'admin');
  await page.goto('/factories/import');
  await page.getByLabel(t('en', 'factories.import_file')).setInputFiles(REFERENCE);
  await page.getByRole('button', { name: t('en', 'factories.import_submit') }).click();
  await expect(page.getByRole('alert')).toHaveText(t('en', 'error.import_rejected'));
  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText(t('en', 'validation.duplicate_in_file'));
  await expect(errors).toContainText(t('en', 'validation.duplicate_of_registered'));
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(errors).toContainText(t(lang, 'validation.duplicate_in_file'));
    await screenshot(page, `import-errors-${lang}`, info.project.name);
  }
  await chooseLanguage(page, 'en');

  // Correct the file: drop the lines the table names, then import again.
  const refusedLines = (await errors.locator('tbody tr td:first-child').allTextContents()).map(Number);
  const lines = fs.readFileSync(REFERENCE, 'utf8').split(/\r?\n/);
  const corrected = lines.filter((_, index) => !refusedLines.includes(index + 1)).join('\n');
  const file = path.join(os.tmpdir(), `corrected-${info.project.name}.csv`);
  fs.writeFileSync(file, corrected);
  await page.getByLabel(t('en', 'factories.import_file')).setInputFiles(file);
  await page.getByRole('button', { name: t('en', 'factories.import_submit') }).click();
  const imported = 20 - new Set(refusedLines).size;
  await expect(page.getByRole('status')).toHaveText(t('en', 'factories.imported', { count: String(imported) }));

  await page.goto('/factories');
  await page.getByLabel(t('en', 'factories.all_provinces')).selectOption('Kandal');
  await expect(page.getByRole('cell', { name: 'Perfect Growth Private Co.' })).toBeVisible();
  await page.getByRole('searchbox').fill('crystal');
  await page.getByRole('button', { name: t('en', 'factories.search') }).click();
  await expect(page.getByRole('row')).toHaveCount(2);
  await screenshot(page, 'factories-filtered-en', info.project.name);
});

test('an administrator registers a factory through the form, errors first', async ({ page }, info) => {
  const name = `Mekong Knitwear ${info.project.name}`;
  await logIn(page, 'admin');
  await page.goto('/factories');
  await page.getByRole('link', { name: t('en', 'factories.add') }).click();
  await page.getByLabel(t('en', 'factories.name'), { exact: true }).fill(name);
  await page.getByLabel(t('en', 'factories.latitude')).fill('23.8');
  await page.getByLabel(t('en', 'factories.longitude')).fill('90.4');
  await page.getByRole('button', { name: t('en', 'factories.save') }).click();
  await expect(page.getByText(t('en', 'validation.coordinates_outside_cambodia'))).toBeVisible();
  await expect(page.getByText(t('en', 'validation.required'))).toBeVisible();
  await screenshot(page, 'factory-form-errors-en', info.project.name);

  await page.getByLabel(t('en', 'factories.province')).selectOption('Kampong Speu');
  await page.getByLabel(t('en', 'factories.latitude')).fill('11.45');
  await page.getByLabel(t('en', 'factories.longitude')).fill('104.52');
  await page.getByLabel(t('en', 'factories.workers')).fill('1,250');
  await page.getByRole('button', { name: t('en', 'factories.save') }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByText('1,250')).toBeVisible();
  await screenshot(page, 'factory-detail-en', info.project.name);
});
