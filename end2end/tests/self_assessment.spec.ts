// Factory self-assessment: the factory manager starts one on the whole checklist, answers a
// cluster with the monitors' capture (notes included, surviving a reload), is told what is
// missing before completing, reads the result in three languages with its blind spots, and
// shares it with the demo buyer, who can then read it until the share is withdrawn.
import { expect, Page, test } from '@playwright/test';
import { answer, chooseLanguage, LANGS, logIn, question, screenshot, switchUser, t } from './fixtures/app';
import { answerTheRest, csrfToken, finishLeftovers, Summary } from './fixtures/self_assessment';

const BUYER = 'Northwind Apparel (demo buyer)';

async function expectAnswered(page: Page, code: string, choice: string) {
  await expect(
    question(page, code).getByRole('button', { name: t('en', `capture.choice.${choice}`), exact: true }),
  ).toHaveAttribute('aria-pressed', 'true');
}

const syncStatus = (page: Page) => page.getByTestId('sync-status');

test('a factory assesses itself, reads its blind spots and shares the result with a buyer', async ({ page }, info) => {
  test.setTimeout(240_000);
  const shot = (name: string) => screenshot(page, `self-assessment-${name}`, info.project.name);

  await logIn(page, 'factory');
  await finishLeftovers(page);

  // The factory starts one on the whole checklist; choosing "some clusters" and none is refused.
  await page.getByRole('navigation').getByRole('link', { name: t('en', 'nav.self_assessment'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'self_assessment.title'));
  const start = page.getByTestId('start-self-assessment');
  await start.getByLabel(t('en', 'self_assessment.chosen_clusters')).check();
  await expect(start.getByLabel('Child Labour')).toBeVisible();
  await start.getByRole('button', { name: t('en', 'self_assessment.start') }).click();
  await expect(start.getByText(t('en', 'validation.required'))).toBeVisible();
  await shot('start-en');
  await start.getByLabel(t('en', 'self_assessment.whole_checklist')).check();
  await start.getByRole('button', { name: t('en', 'self_assessment.start') }).click();
  await expect(page).toHaveURL(/\/self-assessments\/\d+$/);
  const progressUrl = page.url();
  const id = Number(progressUrl.split('/').pop());
  await expect(page.getByTestId('self-assessment-status')).toHaveText(t('en', 'self_assessment.status.in_progress'));

  // A second one cannot be started while this one is in progress.
  await page.goto('/self-assessments');
  await expect(page.getByTestId('continue-self-assessment')).toBeVisible();
  await expect(page.getByTestId('start-self-assessment')).toHaveCount(0);
  const refused = await page.request.post('/api/self-assessments', {
    data: { clusters: [] },
    headers: { 'x-csrf-token': await csrfToken(page) },
  });
  expect(refused.status()).toBeGreaterThanOrEqual(400);
  await page.getByTestId('continue-self-assessment').click();
  await expect(page).toHaveURL(progressUrl);

  // It answers the child labour cluster with the monitors' capture, notes included. (Child
  // labourers rated compliant: the latest official report may say otherwise, a blind spot.)
  await page.getByTestId('self-assessment-progress').getByRole('link', { name: 'Child Labour' }).click();
  await expect(page).toHaveURL(/\/clusters\/CHI$/);
  await answer(page, 'CHI.01.01', 'compliant');
  await answer(page, 'CHI.01.02', 'compliant');
  await answer(page, 'CHI.01.04', 'not_applicable');
  await question(page, 'CHI.01.07').getByLabel(t('en', 'capture.value')).fill('0');
  await answer(page, 'CHI.02.01', 'non_compliant');
  await question(page, 'CHI.02.01').getByLabel(t('en', 'capture.note')).fill('Two young workers in packing: ages to be checked again.');
  await answer(page, 'CHI.03.01', 'non_compliant');
  await expect(syncStatus(page)).toHaveAttribute('data-state', 'saved');
  await expect(page.getByTestId('cluster-progress')).toContainText(t('en', 'capture.non_compliant_count', { count: '2' }));
  await shot('capture-en');

  // A reload loses nothing.
  await page.reload();
  await expectAnswered(page, 'CHI.01.01', 'compliant');
  await expectAnswered(page, 'CHI.01.04', 'not_applicable');
  await expectAnswered(page, 'CHI.02.01', 'non_compliant');
  await expectAnswered(page, 'CHI.03.01', 'non_compliant');
  await expect(question(page, 'CHI.01.07').getByLabel(t('en', 'capture.value'))).toHaveValue('0');
  await expect(question(page, 'CHI.02.01').getByLabel(t('en', 'capture.note'))).toHaveValue(/Two young workers/);

  // The connection drops: answers are kept in the browser and sent once it comes back.
  await page.context().setOffline(true);
  await answer(page, 'CHI.01.02', 'not_applicable');
  await question(page, 'CHI.01.02').getByLabel(t('en', 'capture.note')).fill('Checked with the HR register offline.');
  await expect(syncStatus(page)).toHaveAttribute('data-state', 'offline');
  await shot('capture-offline-en');
  await page.context().setOffline(false);
  await expect(syncStatus(page)).toHaveAttribute('data-state', 'saved', { timeout: 20_000 });
  await page.reload();
  await expectAnswered(page, 'CHI.01.02', 'not_applicable');
  await expect(question(page, 'CHI.01.02').getByLabel(t('en', 'capture.note'))).toHaveValue(/HR register offline/);

  // On to the next cluster and back.
  await page.getByTestId('next-cluster').click();
  await expect(page).not.toHaveURL(/\/clusters\/CHI$/);
  await page.getByTestId('previous-cluster').click();
  await expect(page).toHaveURL(/\/clusters\/CHI$/);
  await expectAnswered(page, 'CHI.02.01', 'non_compliant');

  // Completing too early is refused, naming what is missing.
  await page.goto(progressUrl);
  await page.getByTestId('complete').click();
  await expect(page.getByTestId('missing-questions')).toBeVisible();
  await expect(page.getByTestId('missing-questions')).toContainText('CHI.01.03');
  await shot('missing-en');

  // Everything else is answered (through the API: the checklist is long), then it completes.
  const summary = (await (await page.request.get(`/api/self-assessments/${id}`)).json()) as { summary: Summary };
  await answerTheRest(page, id, summary.summary.clusters);
  await page.reload();
  await expect(page.getByTestId('unanswered')).toHaveText(t('en', 'self_assessment.all_answered'));
  await page.getByTestId('complete').click();
  await expect(page.getByTestId('self-assessment-status')).toHaveText(t('en', 'self_assessment.status.completed'));
  await page.getByTestId('open-result').click();
  await expect(page).toHaveURL(new RegExp(`/self-assessments/${id}/result$`));

  // The result, in Khmer: the clusters beside the industry and the official report, blind spots.
  await chooseLanguage(page, 'km');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('km', 'self_assessment.result_title'));
  await expect(page.getByTestId('self-assessment-clusters')).toContainText(t('km', 'self_assessment.col.industry_rate'));
  await expect(page.getByTestId('self-assessment-clusters-chart').locator('canvas, svg').first()).toBeVisible();
  await expect(page.getByTestId('blind-spots').locator('li').first()).toBeVisible();
  await expect(page.getByTestId('agreement')).toHaveText(/\d+/);
  await expect(page.getByTestId('notes')).toContainText('Two young workers');
  await expect(page.getByTestId('self-assessment-history')).toBeVisible();
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'self_assessment.result_title'));
    await shot(`result-${lang}`);
  }
  await chooseLanguage(page, 'en');
  await expect(page.getByTestId('print')).toBeVisible();
  // The cluster table downloads as CSV.
  const download = page.waitForEvent('download');
  await page.getByTestId('self-assessment-clusters-csv').click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);

  // A point rated non-compliant becomes an improvement action, on the factory's list of actions.
  const improvement = page.getByTestId('improvement-question').filter({ hasText: 'CHI.02.01' });
  await improvement.getByText(t('en', 'improvement.plan')).click();
  await improvement.getByRole('button', { name: t('en', 'improvement.save') }).click();
  await expect(improvement.getByText(t('en', 'validation.required')).first()).toBeVisible();
  await improvement.getByLabel(t('en', 'cap.description')).fill('Check every packing worker\'s age against their ID card');
  await improvement.getByLabel(t('en', 'cap.responsible')).fill('HR manager');
  await improvement.getByLabel(t('en', 'cap.target_date')).fill('2027-03-31');
  await improvement.getByRole('button', { name: t('en', 'improvement.save') }).click();
  await expect(improvement.getByTestId('improvement-action')).toContainText('packing worker');
  await shot('improvement-en');
  const actions = (await (await page.request.get(`/api/factories/${summary.summary.factory_id}/actions`)).json()) as {
    actions: { source: string; origin_id: number; question_code: string }[];
  };
  expect(actions.actions.some((a) => a.source === 'self_identified' && a.origin_id === id && a.question_code === 'CHI.02.01')).toBe(true);

  // Shared with the demo buyer, who holds active report access.
  const sharePanel = page.getByTestId('share-panel');
  await sharePanel.getByLabel(t('en', 'self_assessment.share_with')).selectOption({ label: BUYER });
  await sharePanel.getByTestId('share').click();
  await expect(page.getByTestId('share-panel').getByTestId('share-list')).toContainText(BUYER);
  await shot('shared-en');

  // The buyer reads it, without the sharing controls.
  await switchUser(page, 'buyer');
  await page.goto(`/self-assessments/${id}/result`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'self_assessment.result_title'));
  await expect(page.getByTestId('blind-spots').locator('li').first()).toBeVisible();
  await expect(page.getByTestId('share-panel')).toHaveCount(0);
  await shot('buyer-en');

  // Withdrawn: the buyer can no longer read it.
  await switchUser(page, 'factory');
  await page.goto(`/self-assessments/${id}/result`);
  await page.getByRole('button', { name: t('en', 'self_assessment.unshare_label', { organisation: BUYER }) }).click();
  await expect(page.getByTestId('share-panel').getByTestId('share-list')).not.toContainText(BUYER);
  await switchUser(page, 'buyer');
  await page.goto(`/self-assessments/${id}/result`);
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expect(page.getByTestId('self-assessment-result')).toHaveCount(0);

  // The factory's home page shows its latest self-assessment and its blind spots; a monitor
  // preparing a visit of the factory sees them on the visit page.
  await switchUser(page, 'factory');
  await page.goto('/');
  const latest = page.getByTestId('home-self-latest');
  await expect(latest).toContainText(t('en', 'home.self_blind_spots', { count: String(await blindSpotCount(page, id)) }));
  await expect(latest.locator('li').first()).toBeVisible();
  await shot('home-en');
  await switchUser(page, 'monitor');
  const visits = (await (await page.request.get('/api/visits')).json()) as { id: number; factory_id: number }[];
  const visit = visits.find((v) => v.factory_id === summary.summary.factory_id);
  expect(visit).toBeTruthy();
  await page.goto(`/visits/${visit!.id}`);
  const panel = page.getByTestId('factory-self-assessment');
  await expect(panel).toContainText(t('en', 'visits.self_assessment_open'));
  await expect(panel.locator('li').first()).toBeVisible();
  await shot('visit-panel-en');
});

/** How many blind spots the server finds for self-assessment `id`. */
async function blindSpotCount(page: Page, id: number): Promise<number> {
  const result = (await (await page.request.get(`/api/self-assessments/${id}/result`)).json()) as { blind_spots: unknown[] };
  return result.blind_spots.length;
}
