// A factory objects to findings in time and a late objection is refused; staff uphold an
// objection, and the amended report (version 2, with its notice and version history) appears
// for the factory while the notice waits in the outbox.
import { expect, Page, test } from '@playwright/test';
import { chooseLanguage, LANGS, logIn, resetServerClock, screenshot, setServerClock, switchUser, t } from './fixtures/app';

const DAY = 86_400;

interface Finding { question_code: string; finding: string }
interface Report { visit: { id: number }; published_at: number; objection_deadline: string; findings: Finding[] }

/** The demo factory's published assessment with findings, as its manager reads it. */
async function demoReport(page: Page): Promise<Report> {
  const me = await (await page.request.get('/api/auth/me')).json();
  const history = await (await page.request.get(`/api/factories/${me.factory_id}/reports`)).json();
  for (const entry of history as { visit_id: number; visit_type: string }[]) {
    if (entry.visit_type !== 'assessment') continue;
    const report = (await (await page.request.get(`/api/reports/${entry.visit_id}`)).json()) as Report;
    if (report.findings.length >= 2) return report;
  }
  throw new Error('a published demo report with findings');
}

/** Noon in Phnom Penh on an ISO date, as Unix seconds. */
function noonInPhnomPenh(date: string): number {
  return Date.parse(`${date}T12:00:00+07:00`) / 1000;
}

test.afterEach(async ({ page }) => {
  await resetServerClock(page);
});

test('a factory objects in time, a late objection is refused, staff uphold one and the amended report appears', async ({ page }, info) => {
  const project = info.project.name;
  await logIn(page, 'factory');
  const report = await demoReport(page);
  const reportId = report.visit.id;
  // The last two findings are disputed; the last one will be upheld.
  const upheld = report.findings[report.findings.length - 1];
  const rejected = report.findings[report.findings.length - 2];
  const late = report.findings[0];

  // In time: the day after publication.
  await setServerClock(page, report.published_at + DAY);
  await page.goto(`/reports/${reportId}`);
  const panel = page.getByTestId('objections');
  await expect(panel.getByTestId('objection-window')).toHaveAttribute('data-open', 'true');
  const form = page.getByTestId('objection-form');
  const choice = (code: string) => form.locator(`[data-testid="objection-choice"][data-question="${code}"]`);
  await choice(upheld.question_code).locator('input[type="checkbox"]').check();
  await choice(upheld.question_code).locator('textarea').fill('The wage deductions were refunded before the visit.');
  await choice(rejected.question_code).locator('input[type="checkbox"]').check();
  await choice(rejected.question_code).locator('textarea').fill('The fans were repaired the week before.');
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(form.getByRole('heading', { name: t(lang, 'objections.form_title') })).toBeVisible();
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, `objection-form-${lang}`, project, false);
  }
  await chooseLanguage(page, 'en');
  await form.getByRole('button', { name: t('en', 'objections.submit') }).click();
  await expect(panel.getByText(t('en', 'objections.submitted'))).toBeVisible();
  const objection = (code: string) => panel.locator(`[data-testid="objection"][data-question="${code}"]`);
  await expect(objection(upheld.question_code)).toHaveAttribute('data-status', 'pending');
  await expect(objection(rejected.question_code)).toHaveAttribute('data-status', 'pending');

  // Late: the page was opened in time, the objection is sent the day after the deadline.
  await setServerClock(page, noonInPhnomPenh(report.objection_deadline) + DAY);
  const lateReason = 'We only found the payroll records now.';
  await choice(late.question_code).locator('input[type="checkbox"]').check();
  await choice(late.question_code).locator('textarea').fill(lateReason);
  await form.getByRole('button', { name: t('en', 'objections.submit') }).click();
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(form.getByRole('alert')).toHaveText(t(lang, 'error.objection_deadline_passed'));
    await form.getByRole('alert').scrollIntoViewIfNeeded();
    await screenshot(page, `objection-late-${lang}`, project, false);
  }
  await chooseLanguage(page, 'en');
  // What was typed is kept.
  await expect(choice(late.question_code).locator('textarea')).toHaveValue(lateReason);
  await expect(panel.getByTestId('objection')).toHaveCount(2);

  // Staff decide: one upheld (the finding becomes compliant), one rejected.
  await switchUser(page, 'approver');
  await page.goto(`/reports/${reportId}`);
  const upheldItem = objection(upheld.question_code);
  await upheldItem.getByLabel(t('en', 'objections.uphold')).check();
  await upheldItem.getByLabel(t('en', 'amend.choice')).selectOption('compliant');
  await upheldItem.getByLabel(t('en', 'objections.decision_reason')).fill('The payroll shows the refunds.');
  await upheldItem.scrollIntoViewIfNeeded();
  await screenshot(page, 'objection-decision-en', project, false);
  await upheldItem.getByRole('button', { name: t('en', 'objections.decide') }).click();
  await expect(page.getByTestId('amendment-notice')).toContainText('The payroll shows the refunds.');
  const rejectedItem = objection(rejected.question_code);
  await rejectedItem.getByLabel(t('en', 'objections.reject')).check();
  await rejectedItem.getByRole('button', { name: t('en', 'objections.decide') }).click();
  // A rejection needs a reason; the choice stays.
  await expect(rejectedItem.getByText(t('en', 'validation.required'))).toBeVisible();
  await expect(rejectedItem.getByLabel(t('en', 'objections.reject'))).toBeChecked();
  await rejectedItem.getByLabel(t('en', 'objections.decision_reason')).fill('The monitors measured 35 °C on the day.');
  await rejectedItem.getByRole('button', { name: t('en', 'objections.decide') }).click();
  await expect(objection(rejected.question_code)).toHaveAttribute('data-status', 'rejected');

  // The factory reads version 2 with the notice and the history, and can open version 1.
  await switchUser(page, 'factory');
  await page.goto(`/reports/${reportId}`);
  const notice = page.getByTestId('amendment-notice');
  await expect(page.locator(`[data-testid="report-finding"][data-question="${upheld.question_code}"]`)).toHaveCount(0);
  await expect(objection(upheld.question_code)).toHaveAttribute('data-status', 'upheld');
  await expect(objection(rejected.question_code).getByTestId('objection-decision')).toContainText('The monitors measured 35 °C on the day.');
  const history = page.getByTestId('version-history');
  await expect(history.getByTestId('version-row')).toHaveCount(2);
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(notice).toContainText(t(lang, 'amend.notice').split('{date}')[0].trim());
    await expect(notice).toContainText('The payroll shows the refunds.');
    await expect(history.getByRole('heading', { name: t(lang, 'versions.title') })).toBeVisible();
    await expect(history.getByText(t(lang, 'versions.kind.objection'))).toBeVisible();
    await screenshot(page, `report-amended-${lang}`, project, false);
    await history.scrollIntoViewIfNeeded();
    await screenshot(page, `report-versions-${lang}`, project, false);
  }
  await chooseLanguage(page, 'en');
  await history.locator('[data-testid="version-row"][data-number="1"]').getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/reports/${reportId}\\?version=1$`));
  const old = page.getByTestId('old-version');
  await expect(old.locator(`[data-testid="old-version-finding"][data-question="${upheld.question_code}"]`)).toContainText(upheld.finding);
  await old.scrollIntoViewIfNeeded();
  await screenshot(page, 'report-version-1-en', project, false);

  // The notice to the factory is in the outbox.
  await switchUser(page, 'admin');
  await page.goto('/outbox');
  await expect(page.getByTestId('outbox-message').filter({ hasText: 'amended (version 2)' }).first()).toBeVisible();
  await screenshot(page, 'outbox-amendment-notice-en', project, false);

  // Staff find nothing pending any more.
  await page.goto('/objections');
  await expect(page.getByTestId('no-pending-objections')).toBeVisible();
});
