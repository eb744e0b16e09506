// Corrective action plans: the factory posts an action on a finding of its published report
// and an update; a monitor back at the factory verifies it; the share of findings verified
// as fixed shows on the report, also to a buyer with access, who cannot change anything.
import { expect, Page, test } from '@playwright/test';
import * as path from 'path';
import { apiPost, chooseLanguage, LANGS, logIn, SCREENSHOT_DIR, screenshot, switchUser, t } from './fixtures/app';

/** A screenshot of the plan alone (the report above it is long). */
async function planShot(page: Page, name: string, project: string): Promise<void> {
  await page.getByTestId('corrective-actions').screenshot({ path: path.join(SCREENSHOT_DIR, `${project}-${name}.png`) });
}

/**
 * The demo factory's id and its latest report published more than a week ago, as its manager
 * reads them: past its third-party date, so the buyer reads it too (another spec may have
 * published a report today).
 */
async function latestReport(page: Page): Promise<{ factoryId: number; reportId: number }> {
  const me = await (await page.request.get('/api/auth/me')).json();
  const history: { visit_id: number; published_at: number }[] = await (
    await page.request.get(`/api/factories/${me.factory_id}/reports`)
  ).json();
  const weekAgo = Date.now() / 1000 - 7 * 86_400;
  const readable = history.filter((entry) => entry.published_at < weekAgo);
  return { factoryId: me.factory_id as number, reportId: readable[readable.length - 1].visit_id };
}

const ACTION = 'Repair the 8 broken ceiling fans and add two extractor fans in the sewing section';
const UPDATE = 'Eight new fans ordered from the supplier; installation planned next week';
const NOTE = 'All 12 fans work; 31 °C measured at 15:00 in the sewing section';

test('a factory posts a corrective action and an update, a monitor verifies it, a buyer reads it', async ({ page }, info) => {
  await logIn(page, 'factory');
  const { factoryId, reportId } = await latestReport(page);
  await page.goto(`/reports/${reportId}`);
  const plan = page.getByTestId('corrective-actions');
  await expect(plan.getByRole('heading', { name: t('en', 'cap.title') })).toBeVisible();
  await expect(plan.getByTestId('cap-verified-share')).toHaveText('0%');
  const finding = plan.getByTestId('cap-finding').first();
  await expect(finding.getByTestId('no-actions')).toBeVisible();

  // An incomplete action is refused field by field and what was typed stays.
  await finding.getByText(t('en', 'cap.add_action')).click();
  const form = finding.getByTestId('new-action');
  await form.getByLabel(t('en', 'cap.description')).fill(ACTION);
  await form.getByRole('button', { name: t('en', 'cap.save_action') }).click();
  await expect(form.getByText(t('en', 'validation.required')).first()).toBeVisible();
  await expect(form.getByLabel(t('en', 'cap.description'))).toHaveValue(ACTION);

  await form.getByLabel(t('en', 'cap.responsible')).fill('Mr Sok Chea, chief engineer');
  await form.getByLabel(t('en', 'cap.target_date')).fill('2027-03-31');
  await form.getByRole('button', { name: t('en', 'cap.save_action') }).click();
  const action = finding.getByTestId('corrective-action').first();
  await expect(action).toContainText(ACTION);
  await expect(action.getByTestId('action-status').first()).toHaveText(t('en', 'cap.status.planned'));
  await expect(action.getByTestId('action-target-date')).toHaveText('2027-03-31');

  // An update with a comment moves the action along.
  await action.getByText(t('en', 'cap.post_update')).click();
  const update = action.getByTestId('post-update');
  await update.getByLabel(t('en', 'cap.comment')).fill(UPDATE);
  await update.getByLabel(t('en', 'cap.status')).selectOption('in_progress');
  await update.getByRole('button', { name: t('en', 'cap.save_update') }).click();
  await expect(action.getByTestId('action-update')).toContainText(UPDATE);
  await expect(action.getByTestId('action-status').first()).toHaveText(t('en', 'cap.status.in_progress'));
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(plan.getByRole('heading', { name: t(lang, 'cap.title') })).toBeVisible();
    await planShot(page, `corrective-actions-factory-${lang}`, info.project.name);
  }
  await chooseLanguage(page, 'en');

  // The monitor goes back to the factory (a follow-up visit today) and checks the action.
  await switchUser(page, 'monitor');
  // The programme's days are Cambodian (UTC+7), as the app dates visits.
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const created = await apiPost(page, '/api/visits', {
    factory_id: factoryId, visit_type: 'follow_up', announced: false, start_date: today, end_date: today,
  });
  expect(created).toBe(201);
  await page.goto(`/reports/${reportId}`);
  await expect(finding.getByTestId('new-action')).toHaveCount(0);
  const verify = action.getByTestId('verify-action');
  await verify.getByRole('button', { name: t('en', 'cap.mark_verified'), exact: true }).click();
  await expect(verify.getByText(t('en', 'validation.required'))).toBeVisible();
  await verify.getByLabel(t('en', 'cap.verification_note')).fill(NOTE);
  await verify.getByRole('button', { name: t('en', 'cap.mark_verified'), exact: true }).click();
  const verification = action.getByTestId('action-verification');
  await expect(verification).toContainText(t('en', 'cap.verified'));
  await expect(verification).toContainText(NOTE);
  await expect(verification).toContainText(t('en', 'cap.at_visit', { date: today }));

  // The share: findings whose every action is verified, over all findings of the report.
  const share = (await (await page.request.get(`/api/reports/${reportId}/corrective-actions`)).json()).share;
  expect(share.verified_fixed).toBe(1);
  const shown = `${(share.percent as number).toFixed(0)}%`;
  await expect(plan.getByTestId('cap-verified-share')).toHaveText(shown);
  await page.reload();
  await expect(page.getByTestId('verified-share')).toHaveText(shown);
  await planShot(page, 'corrective-actions-monitor-en', info.project.name);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'corrective-actions-report-header-en', info.project.name, false);

  // A buyer with access reads the plan and the share, and has nothing to change.
  await switchUser(page, 'buyer');
  await page.goto(`/reports/${reportId}`);
  await expect(page.getByTestId('verified-share')).toHaveText(shown);
  await expect(plan.getByTestId('cap-verified-share')).toHaveText(shown);
  await expect(action).toContainText(ACTION);
  await expect(action.getByTestId('action-verification')).toContainText(NOTE);
  await expect(plan.getByTestId('new-action')).toHaveCount(0);
  await expect(plan.getByTestId('post-update')).toHaveCount(0);
  await expect(plan.getByTestId('verify-action')).toHaveCount(0);
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(plan.getByRole('heading', { name: t(lang, 'cap.title') })).toBeVisible();
    await planShot(page, `corrective-actions-buyer-${lang}`, info.project.name);
  }
});
