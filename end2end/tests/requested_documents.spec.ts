// The visit's paperwork: a monitor asks for a document at yesterday's visit; the day after the
// visit the factory's manager finds it on the home page, long before any report, and marks it
// handed over; the monitor sees the factory's word on the visit. Screenshots in three languages.
import { expect, test } from '@playwright/test';
import { apiPostJson, chooseLanguage, LANGS, logIn, screenshot, switchUser, t } from './fixtures/app';

const DOCUMENT = 'Payroll and overtime records for November';

/** The ISO date (Cambodia) `days` before today. */
function daysAgo(days: number): string {
  return new Date(Date.now() + 7 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10);
}

test('a factory sees the documents requested at yesterday\'s visit and marks one handed over', async ({ page }, info) => {
  // The monitor records yesterday's visit to the demo manager's factory and a document asked for.
  await logIn(page, 'factory');
  const me = (await (await page.request.get('/api/auth/me')).json()) as { factory_id: number };
  await switchUser(page, 'monitor');
  const yesterday = daysAgo(1);
  const created = await apiPostJson(page, '/api/visits', {
    factory_id: me.factory_id, visit_type: 'follow_up', announced: false, start_date: yesterday, end_date: yesterday,
  });
  expect(created.status).toBe(201);
  const visitId = created.body.id as number;
  await page.goto(`/visits/${visitId}`);
  const facts = page.getByTestId('facts-form');
  await facts.getByRole('button', { name: t('en', 'facts.add_document') }).click();
  await facts.getByLabel(t('en', 'facts.document_name')).fill(DOCUMENT);
  await facts.getByLabel(t('en', 'facts.requested_on')).fill(yesterday);
  await facts.getByRole('button', { name: t('en', 'facts.save') }).click();
  await expect(page.getByText(t('en', 'facts.saved'))).toBeVisible();

  // The factory's manager finds it on the home page and marks it handed over today.
  await switchUser(page, 'factory');
  const panel = page.getByTestId('requested-documents');
  const row = panel.locator(`[data-testid="requested-document"][data-name="${DOCUMENT}"]`);
  await expect(row).toBeVisible();
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await screenshot(page, `requested-documents-${lang}`, info.project.name);
  }
  await chooseLanguage(page, 'en');
  await row.getByTestId('handover-document').getByRole('button').click();
  await expect(row.getByTestId('handover-document')).toHaveCount(0);
  await expect(row).toContainText(daysAgo(0));

  // The monitor sees the factory's word beside the request.
  await switchUser(page, 'monitor');
  await page.goto(`/visits/${visitId}`);
  await expect(page.getByTestId('document-handed-over')).toContainText(daysAgo(0));
});
