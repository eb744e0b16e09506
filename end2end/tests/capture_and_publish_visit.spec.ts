// The heart of the system, on a tablet: a monitor records a visit (surviving a reload and a
// lost connection), the report goes through return, resubmission, approval and publication,
// the factory reads it and the outbox holds the notice.
import { expect, Page, test } from '@playwright/test';
import { answer, chooseLanguage, LANGS, logIn, question, screenshot, switchUser, t } from './fixtures/app';

const FACTORY = 'Injae Garment Co. Ltd.';
// Questions of the Child Labour cluster in the shipped checklist.
const CHILD_LABOUR_QUESTIONS = 22;

async function expectAnswered(page: Page, code: string, choice: string) {
  await expect(
    question(page, code).getByRole('button', { name: t('en', `capture.choice.${choice}`), exact: true }),
  ).toHaveAttribute('aria-pressed', 'true');
}

const syncStatus = (page: Page) => page.getByTestId('sync-status');

test('a visit goes from the tablet to a published report the factory can read', async ({ page }, info) => {
  test.setTimeout(180_000);
  const shot = (name: string) => screenshot(page, `visit-${name}`, info.project.name);

  // The monitor starts an unannounced assessment.
  await logIn(page, 'monitor');
  await page.goto('/visits');
  await page.getByRole('link', { name: t('en', 'visits.new') }).click();
  await page.getByLabel(t('en', 'visits.factory')).selectOption({ label: FACTORY });
  await page.getByRole('button', { name: t('en', 'visits.create') }).click();
  await expect(page.getByTestId('visit-status')).toHaveText(t('en', 'visit_status.draft'));
  const visitUrl = page.url();

  // It answers the first cluster, including a non-compliance with its finding.
  await page.getByRole('link', { name: 'Child Labour' }).click();
  await answer(page, 'CHI.01.01', 'non_compliant');
  await question(page, 'CHI.01.01').getByLabel(t('en', 'capture.finding')).fill(
    'Two workers aged 14 were found in the packing section; their ID cards had been borrowed from relatives.',
  );
  await expect(question(page, 'CHI.01.01').getByText(t('en', 'capture.finding_required'))).toBeVisible();
  await answer(page, 'CHI.01.02', 'compliant');
  await expect(syncStatus(page)).toHaveAttribute('data-state', 'saved');
  await shot('capture-en');

  // A reload loses nothing.
  await page.reload();
  await expectAnswered(page, 'CHI.01.01', 'non_compliant');
  await expect(question(page, 'CHI.01.01').getByLabel(t('en', 'capture.finding'))).toHaveValue(/Two workers aged 14/);

  // The connection drops: answers are kept on the tablet and the badge says so.
  await page.context().setOffline(true);
  await answer(page, 'CHI.01.03', 'not_applicable');
  await answer(page, 'CHI.01.04', 'compliant');
  await question(page, 'CHI.01.07').getByLabel(t('en', 'capture.value')).fill('2');
  await expect(syncStatus(page)).toHaveAttribute('data-state', 'offline');
  await expect(syncStatus(page)).toContainText(t('en', 'sync.offline', { count: '3' }));
  await shot('capture-offline-en');

  // It comes back: everything is sent, once.
  await page.context().setOffline(false);
  await expect(syncStatus(page)).toHaveAttribute('data-state', 'saved', { timeout: 20_000 });
  await page.reload();
  await expectAnswered(page, 'CHI.01.03', 'not_applicable');
  await expectAnswered(page, 'CHI.01.04', 'compliant');
  await expect(question(page, 'CHI.01.07').getByLabel(t('en', 'capture.value'))).toHaveValue('2');
  await expect(page.getByTestId('cluster-progress')).toContainText(
    t('en', 'capture.progress', { answered: '5', total: String(CHILD_LABOUR_QUESTIONS) }),
  );

  // Submitting with an incomplete finding and no outcome is refused with the reasons.
  await page.goto(visitUrl);
  await page.getByRole('button', { name: t('en', 'workflow.submit') }).click();
  await expect(page.getByText(t('en', 'validation.outcome_required'))).toBeVisible();
  await expect(page.getByText(t('en', 'validation.findings_incomplete'))).toBeVisible();
  await page.getByLabel(t('en', 'facts.outcome'), { exact: true }).selectOption('completed');
  await page.getByLabel(t('en', 'facts.workers_interviewed')).fill('12');
  await page.getByRole('button', { name: t('en', 'facts.save') }).click();
  await expect(page.getByText(t('en', 'facts.saved'))).toBeVisible();

  // The monitor completes the finding, then submits.
  await page.getByRole('link', { name: 'Child Labour' }).click();
  await question(page, 'CHI.01.01').getByLabel(t('en', 'capture.suggestion')).fill(
    'Verify age with original documents at hiring and keep copies in the personnel files.',
  );
  await expect(syncStatus(page)).toHaveAttribute('data-state', 'saved');
  await page.goto(visitUrl);
  await page.getByRole('button', { name: t('en', 'workflow.submit') }).click();
  await expect(page.getByTestId('visit-status')).toHaveText(t('en', 'visit_status.submitted'));

  // The approver returns it with a reason.
  await switchUser(page, 'approver');
  await page.goto(visitUrl);
  await page.getByRole('button', { name: t('en', 'workflow.return') }).click();
  await expect(page.getByText(t('en', 'validation.reason_required'))).toBeVisible();
  const reason = 'Say which documents were checked for the two young workers.';
  await page.getByLabel(t('en', 'workflow.reason')).fill(reason);
  await page.getByRole('button', { name: t('en', 'workflow.return') }).click();
  await expect(page.getByTestId('visit-status')).toHaveText(t('en', 'visit_status.returned'));
  await expect(page.getByTestId('visit-history')).toContainText(reason);

  // The monitor corrects the finding and resubmits.
  await switchUser(page, 'monitor');
  await page.goto(visitUrl);
  await expect(page.getByTestId('visit-history')).toContainText(reason);
  await page.getByRole('link', { name: 'Child Labour' }).click();
  await question(page, 'CHI.01.01').getByLabel(t('en', 'capture.finding')).fill(
    'Two workers aged 14 were found in the packing section; the personnel files held only copies of ID cards borrowed from relatives.',
  );
  await expect(syncStatus(page)).toHaveAttribute('data-state', 'saved');
  await page.goto(visitUrl);
  await page.getByRole('button', { name: t('en', 'workflow.submit') }).click();
  await expect(page.getByTestId('visit-status')).toHaveText(t('en', 'visit_status.submitted'));

  // The approver approves and publishes.
  await switchUser(page, 'approver');
  await page.goto(visitUrl);
  await page.getByRole('button', { name: t('en', 'workflow.approve') }).click();
  await expect(page.getByTestId('visit-status')).toHaveText(t('en', 'visit_status.approved'));
  await page.getByRole('button', { name: t('en', 'workflow.publish') }).click();
  await expect(page.getByTestId('visit-status')).toHaveText(t('en', 'visit_status.published'));
  await expect(page.getByTestId('critical-issues')).toContainText(t('en', 'critical.1'));

  // The factory manager reads the published report, in each language.
  await switchUser(page, 'factory');
  await page.goto('/reports');
  await page.getByTestId('visit-table').getByRole('link').first().click();
  await expect(page.getByTestId('visit-status')).toHaveText(t('en', 'visit_status.published'));
  await expect(page.getByTestId('findings')).toContainText('personnel files held only copies');
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(page.getByTestId('scores')).toContainText(t(lang, 'report.non_compliance_rate'));
    await expect(page.getByTestId('critical-issues')).toContainText(t(lang, 'critical.1'));
    await shot(`report-${lang}`);
  }
  await chooseLanguage(page, 'en');

  // The outbox holds the notice to the factory.
  await switchUser(page, 'admin');
  await page.goto('/outbox');
  const notice = page.getByTestId('outbox-message').filter({ hasText: FACTORY });
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText('compliance.demo-0001@factories.example');
  await expect(notice).toContainText(t('en', 'outbox.delivery.held'));
  await shot('outbox-en');
});

test('the capture page reads in Khmer and Chinese', async ({ page }, info) => {
  await logIn(page, 'monitor');
  await page.goto('/visits/new');
  await page.getByLabel(t('en', 'visits.factory')).selectOption({ label: FACTORY });
  await page.getByRole('button', { name: t('en', 'visits.create') }).click();
  await expect(page.getByTestId('visit-status')).toHaveText(t('en', 'visit_status.draft'));
  await page.getByRole('link', { name: 'Occupational Safety and Health' }).click();
  await answer(page, 'OSH.01.01', 'non_compliant');
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(page.getByTestId('sync-status')).toHaveText(t(lang, 'sync.saved'));
    await expect(question(page, 'OSH.01.01').getByRole('button', { name: t(lang, 'capture.choice.non_compliant'), exact: true })).toHaveAttribute('aria-pressed', 'true');
    await screenshot(page, `capture-${lang}`, info.project.name, false);
  }
});
