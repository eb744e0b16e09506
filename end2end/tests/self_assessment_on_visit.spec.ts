// The factory's self-assessment on the monitors' side: during a visit the tablet shows the
// factory's own answer beside each question (marked where the monitor finds otherwise), and the
// published report states how far the self-assessment agreed with the monitors.
import { expect, test } from '@playwright/test';
import { answer, chooseLanguage, LANGS, logIn, question, screenshot, switchUser, t } from './fixtures/app';
import { completeSelfAssessment } from './fixtures/self_assessment';

const FACTORY = 'Injae Garment Co. Ltd.';

test('the monitor sees the factory answers and the report states the self-assessment accuracy', async ({ page }, info) => {
  test.setTimeout(180_000);
  const shot = (name: string) => screenshot(page, `self-assessment-on-visit-${name}`, info.project.name);

  // The factory has assessed its child labour cluster: CHI.03.01 non-compliant, the rest compliant.
  await logIn(page, 'factory');
  await completeSelfAssessment(page, ['CHI'], { 'CHI.03.01': 'non_compliant' });

  // A monitor starts a visit of the factory today.
  await switchUser(page, 'monitor');
  await page.goto('/visits/new');
  await page.getByLabel(t('en', 'visits.factory')).selectOption({ label: FACTORY });
  await page.getByRole('button', { name: t('en', 'visits.create') }).click();
  await expect(page.getByTestId('visit-status')).toHaveText(t('en', 'visit_status.draft'));
  const visitUrl = page.url();
  await page.getByRole('link', { name: 'Child Labour' }).click();

  // Beside each question: the factory's own answer, never its notes.
  await expect(page.getByTestId('factory-self-assessment-note')).toBeVisible();
  const own = (code: string) => question(page, code).getByTestId('factory-answer');
  await expect(own('CHI.01.01')).toContainText(t('en', 'capture.choice.compliant'));
  await expect(own('CHI.03.01')).toContainText(t('en', 'capture.choice.non_compliant'));
  await expect(own('CHI.01.01')).not.toHaveClass(/differs/);

  // The monitor finds child labour: the line says the factory answered otherwise.
  await answer(page, 'CHI.01.01', 'non_compliant');
  await question(page, 'CHI.01.01').getByLabel(t('en', 'capture.finding')).fill(
    'A worker aged 15 was found in the finishing section.',
  );
  await question(page, 'CHI.01.01').getByLabel(t('en', 'capture.suggestion')).fill(
    'Check original identity documents at hiring.',
  );
  await answer(page, 'CHI.02.01', 'compliant');
  await answer(page, 'CHI.03.01', 'non_compliant');
  await question(page, 'CHI.03.01').getByLabel(t('en', 'capture.finding')).fill('No register of young workers is kept.');
  await question(page, 'CHI.03.01').getByLabel(t('en', 'capture.suggestion')).fill('Keep a register of young workers.');
  await expect(own('CHI.01.01')).toHaveClass(/differs/);
  await expect(own('CHI.01.01')).toContainText(t('en', 'capture.factory_differs'));
  await expect(own('CHI.02.01')).not.toHaveClass(/differs/);
  await expect(own('CHI.03.01')).not.toHaveClass(/differs/);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'saved');
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(own('CHI.01.01')).toContainText(t(lang, 'capture.factory_differs'));
    await question(page, 'CHI.01.01').scrollIntoViewIfNeeded();
    await screenshot(page, `self-assessment-on-visit-capture-${lang}`, info.project.name, false);
  }
  await chooseLanguage(page, 'en');

  // The visit is submitted, approved and published.
  await page.goto(visitUrl);
  await page.getByLabel(t('en', 'facts.outcome'), { exact: true }).selectOption('completed');
  await page.getByRole('button', { name: t('en', 'facts.save') }).click();
  await expect(page.getByText(t('en', 'facts.saved'))).toBeVisible();
  await page.getByRole('button', { name: t('en', 'workflow.submit') }).click();
  await expect(page.getByTestId('visit-status')).toHaveText(t('en', 'visit_status.submitted'));
  await switchUser(page, 'approver');
  await page.goto(visitUrl);
  await page.getByRole('button', { name: t('en', 'workflow.approve') }).click();
  await expect(page.getByTestId('visit-status')).toHaveText(t('en', 'visit_status.approved'));
  await page.getByRole('button', { name: t('en', 'workflow.publish') }).click();
  await expect(page.getByTestId('visit-status')).toHaveText(t('en', 'visit_status.published'));

  // The report states the accuracy: of the three points the monitor assessed (CHI.01, CHI.02,
  // CHI.03), the factory agreed with the monitors on two.
  await switchUser(page, 'factory');
  const visitId = visitUrl.split('/').pop();
  await page.goto(`/reports/${visitId}`);
  const accuracy = page.getByTestId('report-self-assessment-accuracy');
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(accuracy).toContainText(t(lang, 'report.self_assessment_accuracy'));
    await shot(`report-${lang}`);
  }
  await chooseLanguage(page, 'en');
  await expect(accuracy).toContainText('67%');
  await expect(accuracy).toContainText(
    t('en', 'report.self_assessment_accuracy_detail', { date: '', agreeing: '2', compared: '3' }).split(' on ')[1],
  );
});
