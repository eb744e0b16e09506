// The visit's paperwork: a monitor asks for a document at yesterday's visit; the day after the
// visit the factory's manager finds it on the home page, long before any report, and marks it
// handed over; the monitor sees the factory's word on the visit. The monitor records the closing
// meeting and prints it in three languages; the factory finds it too. Screenshots in three
// languages.
import { expect, test } from '@playwright/test';
import { apiPostJson, chooseLanguage, LANGS, logIn, screenshot, switchUser, t } from './fixtures/app';

const DOCUMENT = 'Payroll and overtime records for November';
const ATTENDEES = 'Mr Chen Hao (general manager), Ms Sok Dany (HR manager)';
const SUMMARY = 'Overtime above two hours a day on the sewing lines; the fire exits on floor 2 were locked.';

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

  // At the closing meeting the monitor records what management was told, and prints it to
  // leave with them: every heading in Khmer, English and Chinese, the monitor's words once.
  const meeting = page.getByTestId('closing-meeting-form');
  await meeting.getByLabel(t('en', 'closing_meeting.held_on')).fill(yesterday);
  await meeting.getByLabel(t('en', 'closing_meeting.attendees')).fill(ATTENDEES);
  await meeting.getByLabel(t('en', 'closing_meeting.summary')).fill('');
  await meeting.getByTestId('record-closing-meeting').click();
  await expect(meeting).toContainText(t('en', 'validation.required'));
  await meeting.getByLabel(t('en', 'closing_meeting.summary')).fill(SUMMARY);
  await meeting.getByTestId('record-closing-meeting').click();
  await expect(page.getByTestId('closing-meeting-saved')).toBeVisible();
  await expect(page.getByTestId('closing-meeting-summary')).toHaveText(SUMMARY);
  await page.getByTestId('closing-meeting').scrollIntoViewIfNeeded();
  await screenshot(page, 'closing-meeting-panel', info.project.name);
  await page.getByTestId('print-closing-meeting').click();
  const sheet = page.getByTestId('closing-meeting-sheet');
  await expect(sheet).toContainText(SUMMARY);
  await expect(sheet.getByTestId('closing-meeting-documents')).toContainText(DOCUMENT);
  for (const lang of LANGS) {
    await expect(sheet.locator(`[lang="${lang}"]`).first()).toBeVisible();
    await expect(sheet).toContainText(t(lang, 'closing_meeting.title'));
  }
  await expect(sheet.getByTestId('closing-meeting-steps')).toContainText(daysAgo(-6));
  await screenshot(page, 'closing-meeting-sheet', info.project.name);

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

  // The closing meeting record is there for the factory too.
  await page.getByTestId('closing-meetings').locator(`[data-testid="closing-meeting-link"][data-visit="${visitId}"]`).click();
  await expect(page.getByTestId('closing-meeting-sheet')).toContainText(ATTENDEES);

  // The monitor sees the factory's word beside the request.
  await switchUser(page, 'monitor');
  await page.goto(`/visits/${visitId}`);
  await expect(page.getByTestId('document-handed-over')).toContainText(daysAgo(0));
});
