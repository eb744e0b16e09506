// Visit planning: the planner shows a factory overdue for its visit and one flagged by a
// verified union concern, each with the reasons of its risk score; an administrator plans a
// follow-up on one compliance point for the monitor; the monitor finds it in their schedule,
// starts the visit from it and answers only that point; a long wait at the gate offers the
// non-cooperation outcome. Screenshots in three languages.
import { expect, test } from '@playwright/test';
import {
  answer,
  apiPostJson,
  atDay,
  chooseLanguage,
  LANGS,
  logIn,
  resetServerClock,
  screenshot,
  switchUser,
  t,
} from './fixtures/app';

const INJAE = 'Injae Garment Co. Ltd.';
const SABRINA = 'Sabrina (Cambodia) Garment Manufacturing Corp.';

test('an overdue factory is planned a partial follow-up that its monitor carries out', async ({ page }, info) => {
  test.setTimeout(180_000);
  // Far enough ahead that every assessment other specs publish today is overdue by then.
  const day = info.project.name === 'tablet' ? '2027-10-04' : '2027-10-01';

  // A union concern about Sabrina, verified by a monitor today.
  await logIn(page, 'union');
  const factories = (await (await page.request.get('/api/concerns/factories')).json()) as { id: number; name: string }[];
  const injae = factories.find((f) => f.name === INJAE)!.id;
  const sabrina = factories.find((f) => f.name === SABRINA)!.id;
  const concern = await apiPostJson(page, '/api/concerns', {
    factory_id: sabrina,
    category: 'working_hours',
    description: 'Cutting section works every Sunday without overtime pay',
  });
  expect(concern.status).toBe(201);
  await switchUser(page, 'monitor');
  const review = await apiPostJson(page, `/api/concerns/${concern.body.id}/review`, {
    outcome: 'verified',
    note: 'Time cards confirm Sunday work',
  });
  expect(review.status).toBe(200);
  const monitor = (await (await page.request.get('/api/auth/me')).json()) as { id: number };

  try {
    // Months later, the administrator opens the planner.
    await atDay(page, day);
    await switchUser(page, 'admin');
    await page.getByRole('link', { name: t('en', 'nav.planning') }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'planning.title'));
    const injaeRow = page.locator(`[data-testid="planner-row"][data-factory="${injae}"]`);
    await expect(injaeRow.getByTestId('overdue')).toBeVisible();
    const sabrinaRow = page.locator(`[data-testid="planner-row"][data-factory="${sabrina}"]`);
    await expect(sabrinaRow.locator('[data-reason="concerns"]')).toContainText(
      t('en', 'planning.reason.concerns', { value: '1', points: '30' }),
    );
    for (const lang of LANGS) {
      await chooseLanguage(page, lang);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'planning.title'));
      await screenshot(page, `planning-planner-${lang}`, info.project.name, false);
    }
    await chooseLanguage(page, 'en');

    // A special check needs points: the form says so and keeps what was chosen.
    await injaeRow.getByTestId('plan-visit').click();
    const form = page.getByTestId('plan-visit-form');
    await form.getByLabel(t('en', 'visits.type')).selectOption('special_check');
    await form.getByLabel(t('en', 'planning.lead_monitor')).selectOption(String(monitor.id));
    await form.getByRole('button', { name: t('en', 'planning.save') }).click();
    await expect(form.getByText(t('en', 'validation.choose_points'))).toBeVisible();
    await expect(form.getByLabel(t('en', 'planning.lead_monitor'))).toHaveValue(String(monitor.id));

    // A follow-up on one compliance point.
    await form.getByLabel(t('en', 'visits.type')).selectOption('follow_up');
    const cluster = form.locator('details.topic-cluster').first();
    await cluster.evaluate((details) => ((details as HTMLDetailsElement).open = true));
    const point = cluster.getByTestId('scope-point').first();
    await point.check();
    const pointCode = await point.inputValue();
    await expect(form.getByTestId('scope-count')).toContainText('1');
    for (const lang of LANGS) {
      await chooseLanguage(page, lang);
      await screenshot(page, `planning-plan-form-${lang}`, info.project.name);
    }
    await chooseLanguage(page, 'en');
    await form.getByRole('button', { name: t('en', 'planning.save') }).click();
    await expect(page).toHaveURL(/\/planning\/schedule$/);
    await expect(page.getByTestId('planned-visit').filter({ hasText: INJAE })).toBeVisible();

    // The monitor sees it in their schedule and starts the visit from it.
    await switchUser(page, 'monitor');
    await page.getByRole('link', { name: t('en', 'nav.planning') }).click();
    await page.getByTestId('schedule-link').click();
    const planned = page.getByTestId('planned-visit').filter({ hasText: INJAE });
    await expect(planned.getByTestId('scope-size')).toBeVisible();
    for (const lang of LANGS) {
      await chooseLanguage(page, lang);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'planning.schedule_title'));
      await screenshot(page, `planning-schedule-${lang}`, info.project.name);
    }
    await chooseLanguage(page, 'en');
    await planned.getByTestId('start-planned').click();
    await expect(page.getByTestId('from-plan')).toBeVisible();
    await page.getByRole('button', { name: t('en', 'visits.create') }).click();
    await expect(page).toHaveURL(/\/visits\/\d+$/);

    // The visit covers the planned point only: one cluster, one point to answer.
    await expect(page.getByTestId('partial-visit')).toContainText(pointCode);
    await expect(page.locator('li.progress-row')).toHaveCount(1);
    for (const lang of LANGS) {
      await chooseLanguage(page, lang);
      await expect(page.getByTestId('partial-visit')).toContainText(t(lang, 'visits.partial_visit'));
      await screenshot(page, `planning-partial-visit-${lang}`, info.project.name);
    }
    await chooseLanguage(page, 'en');
    await page.locator('li.progress-row a').first().click();
    await expect(page.locator('section.point')).toHaveCount(1);
    const first = page
      .locator('li.question')
      .filter({ has: page.getByRole('button', { name: t('en', 'capture.choice.compliant'), exact: true }) })
      .first();
    const questionCode = (await first.getAttribute('data-code'))!;
    expect(questionCode.startsWith(pointCode)).toBeTruthy();
    await answer(page, questionCode, 'compliant');
    await expect(page.getByTestId('cluster-progress')).toContainText('1');

    // Back on the visit, a long wait at the gate offers the non-cooperation outcome.
    await page.getByRole('link', { name: t('en', 'capture.back_to_visit') }).first().click();
    const facts = page.getByTestId('facts-form');
    await facts.getByLabel(t('en', 'facts.gate_wait')).fill('45');
    await expect(facts.getByTestId('long-gate-wait')).toHaveCount(0);
    await facts.getByLabel(t('en', 'facts.gate_wait')).fill('50');
    await expect(facts.getByTestId('long-gate-wait')).toBeVisible();
    await facts.getByTestId('record-non-cooperation').click();
    await expect(facts.getByLabel(t('en', 'facts.outcome'))).toHaveValue('non_cooperation');
    await expect(facts.getByLabel(t('en', 'facts.non_cooperation_details'))).toBeVisible();
  } finally {
    await resetServerClock(page);
  }
});
