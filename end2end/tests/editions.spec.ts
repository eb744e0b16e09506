// Issued synthesis editions in the extranet: a factory manager and a buyer read the
// programme's editions (the demo has issued some), each exactly as issued, with its charts,
// tables and fingerprint, in three languages.
import { expect, test } from '@playwright/test';
import { chooseLanguage, LANGS, logIn, screenshot, t } from './fixtures/app';

test('a factory manager reads an issued synthesis edition in three languages', async ({ page }, info) => {
  await logIn(page, 'factory');
  await page.getByRole('navigation').getByRole('link', { name: t('en', 'nav.editions'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'editions.title'));
  const rows = page.getByTestId('editions-table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(1);
  // Who issued an edition is for staff only.
  await expect(page.getByTestId('editions-table').locator('thead th')).toHaveCount(4);
  await screenshot(page, 'editions-list-en', info.project.name);

  await rows.first().getByRole('link').click();
  await expect(page.getByTestId('edition-sha256')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(page.getByTestId('synthesis-report')).toBeVisible();
  await expect(page.getByTestId('synthesis-clusters-chart').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('synthesis-critical-table').locator('tbody tr').first()).toBeVisible();
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(t(lang, 'editions.title'));
    await expect(page.getByTestId('synthesis-progress-table')).toContainText(t(lang, 'synthesis.all_clusters'));
    await screenshot(page, `edition-${lang}`, info.project.name);
  }
});

test('a buyer reads the same editions', async ({ page }) => {
  await logIn(page, 'buyer');
  await page.goto('/editions');
  await expect(page.getByTestId('editions-table').locator('tbody tr').first()).toBeVisible();
  await page.getByTestId('editions-table').locator('tbody tr').first().getByRole('link').click();
  await expect(page.getByTestId('edition-sha256')).toHaveText(/^[0-9a-f]{64}$/);
});
