// Union concerns: a union representative raises a concern about a factory; the factory and a
// buyer with access see nothing of it; a monitor verifies it, which flags the factory for a
// visit; then the factory and the buyer see the verified concern, never who raised it.
import { expect, Page, test } from '@playwright/test';
import { chooseLanguage, LANGS, logIn, screenshot, switchUser, t } from './fixtures/app';

const FACTORY = 'Injae Garment Co. Ltd.';
const DESCRIPTION = 'Sewing workers in line 4 are made to work every Sunday without overtime pay';
const NOTE = 'Time cards of March confirm Sunday work for 40 workers';
const SUBMITTER = 'Srey Mom';
const UNION = 'Garment Workers Union Federation';

async function getJson(page: Page, url: string) {
  const response = await page.request.get(url);
  expect(response.ok()).toBeTruthy();
  return response.json();
}

test('a union concern stays hidden from the factory and buyer until a monitor verifies it', async ({ page }, info) => {
  await logIn(page, 'union');
  await page.getByRole('link', { name: t('en', 'nav.concerns') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'concerns.title'));
  const options = await getJson(page, '/api/concerns/factories');
  const factoryId = options.find((f: { name: string }) => f.name === FACTORY).id as number;

  // Nothing chosen: each field says what is missing; the description typed stays.
  const form = page.getByTestId('concern-form');
  await form.getByLabel(t('en', 'concerns.description')).fill(DESCRIPTION);
  await form.getByRole('button', { name: t('en', 'concerns.submit') }).click();
  await expect(form.getByText(t('en', 'validation.choose_one'))).toBeVisible();
  await expect(form.getByLabel(t('en', 'concerns.description'))).toHaveValue(DESCRIPTION);

  await form.getByLabel(t('en', 'concerns.factory')).selectOption(String(factoryId));
  await form.getByLabel(t('en', 'concerns.category')).selectOption('working_hours');
  await form.getByRole('button', { name: t('en', 'concerns.submit') }).click();
  await expect(page.getByRole('status')).toHaveText(t('en', 'concerns.submitted'));
  const mine = page.getByTestId('concern').filter({ hasText: DESCRIPTION });
  await expect(mine.getByTestId('concern-status')).toHaveText(t('en', 'concern_status.submitted'));
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'concerns.title'));
    await screenshot(page, `concerns-union-${lang}`, info.project.name);
  }
  await chooseLanguage(page, 'en');

  // The factory sees nothing of it, on its page or its report.
  await switchUser(page, 'factory');
  await page.getByRole('link', { name: t('en', 'nav.my_factory') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(FACTORY);
  const history = await getJson(page, `/api/factories/${factoryId}/reports`);
  const reportId = history[history.length - 1].visit_id as number;
  await page.goto(`/reports/${reportId}`);
  await expect(page.getByTestId('report')).toBeVisible();
  await expect(page.getByTestId('verified-concerns')).toHaveCount(0);
  expect(await getJson(page, `/api/factories/${factoryId}/concerns`)).toEqual([]);
  expect((await page.request.get('/api/concerns')).status()).toBe(403);

  // Nor does a buyer with access, on the latest report past its third-party date (another
  // spec may have published one today, which the buyer cannot read yet).
  await switchUser(page, 'buyer');
  const buyerHistory = await getJson(page, `/api/factories/${factoryId}/reports`);
  const buyerReportId = buyerHistory[buyerHistory.length - 1].visit_id as number;
  await page.goto(`/reports/${buyerReportId}`);
  await expect(page.getByTestId('report')).toBeVisible();
  await expect(page.getByTestId('corrective-actions')).toBeVisible();
  await expect(page.getByTestId('verified-concerns')).toHaveCount(0);
  expect(await getJson(page, `/api/factories/${factoryId}/concerns`)).toEqual([]);

  // A monitor verifies it, with a note; the factory is flagged for a visit.
  await switchUser(page, 'monitor');
  await page.getByRole('link', { name: t('en', 'nav.concerns') }).click();
  const concern = page.getByTestId('concern').filter({ hasText: DESCRIPTION });
  await expect(concern).toContainText(SUBMITTER);
  const review = concern.getByTestId('concern-review');
  await review.getByRole('button', { name: t('en', 'concerns.mark_verified'), exact: true }).click();
  await expect(review.getByText(t('en', 'validation.required'))).toBeVisible();
  await review.getByLabel(t('en', 'concerns.review_note')).fill(NOTE);
  await review.getByRole('button', { name: t('en', 'concerns.mark_verified'), exact: true }).click();
  await expect(concern.getByTestId('concern-status')).toHaveText(t('en', 'concern_status.verified'));
  await expect(concern.getByTestId('concern-review-note')).toHaveText(NOTE);
  await expect(page.getByTestId('flagged-factories')).toContainText(FACTORY);
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'concerns.title'));
    await screenshot(page, `concerns-staff-${lang}`, info.project.name);
  }
  await chooseLanguage(page, 'en');
  await page.getByRole('link', { name: t('en', 'nav.factories') }).click();
  await expect(page.getByTestId('flagged-factory').filter({ hasText: FACTORY })).toBeVisible();
  await page.getByTestId('flagged-factory').filter({ hasText: FACTORY }).getByRole('link').click();
  await expect(page.getByTestId('factory-flag')).toContainText(t('en', 'concerns.flagged'));
  await screenshot(page, 'concerns-factory-flag-en', info.project.name);

  // Now the factory sees the concern, without who raised it, and no flag.
  await switchUser(page, 'factory');
  await page.getByRole('link', { name: t('en', 'nav.my_factory') }).click();
  const seen = page.getByTestId('verified-concerns');
  await expect(seen).toContainText(t('en', 'concern_category.working_hours'));
  await expect(seen).toContainText(DESCRIPTION);
  await expect(seen).not.toContainText(SUBMITTER);
  await expect(seen).not.toContainText(UNION);
  await expect(page.getByTestId('factory-flag')).toHaveCount(0);
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(seen.getByRole('heading')).toHaveText(t(lang, 'concerns.verified_title'));
    await screenshot(page, `concerns-factory-${lang}`, info.project.name);
  }
  await chooseLanguage(page, 'en');

  // The buyer sees its category on the report, not the text.
  await switchUser(page, 'buyer');
  await page.goto(`/reports/${buyerReportId}`);
  const buyerSees = page.getByTestId('verified-concerns');
  await expect(buyerSees).toContainText(t('en', 'concern_category.working_hours'));
  await expect(buyerSees).not.toContainText(DESCRIPTION);
  await expect(buyerSees).not.toContainText(SUBMITTER);

  // The representative sees the status of their own concern.
  await switchUser(page, 'union');
  await page.goto('/concerns');
  await expect(page.getByTestId('concern').filter({ hasText: DESCRIPTION }).getByTestId('concern-status')).toHaveText(
    t('en', 'concern_status.verified'),
  );
});
