// From evidence to effect: a trainer plans a session from a recurring issue and invites two
// factories; a factory manager enrols participants; the trainer records the session held with
// attendance and outcomes; the factory posts its improvement plan on the trained point; a
// monitor back at the factory verifies the action; the training reports show the course.
// Screenshots in three languages.
import { expect, test } from '@playwright/test';
import { apiPost, atDay, chooseLanguage, LANGS, logIn, resetServerClock, screenshot, switchUser, t } from './fixtures/app';

const INJAE = 'Injae Garment Co. Ltd.';
const SABRINA = 'Sabrina (Cambodia) Garment Manufacturing Corp.';

test('a session planned from a recurring issue leads to a verified improvement and shows in the effect report', async ({ page }, info) => {
  test.setTimeout(180_000);
  const title = `Recurring issue course ${info.project.name} ${Date.now().toString(36)}`;
  const day = info.project.name === 'tablet' ? '2027-05-03' : '2027-05-04';

  // The monitor's next visit of the demo factory, a week after the session, is planned now: a
  // visit created at a moved clock would look planned after every concern verified today.
  const visitDay = info.project.name === 'tablet' ? '2027-05-10' : '2027-05-11';
  await logIn(page, 'monitor');
  const factories = (await (await page.request.get('/api/factories')).json()) as { id: number; name: string }[];
  const injae = factories.find((f) => f.name === INJAE)!;
  expect(await apiPost(page, '/api/visits', {
    factory_id: injae.id, visit_type: 'follow_up', announced: false, start_date: visitDay, end_date: visitDay,
  })).toBe(201);

  // The trainer opens the recurring issues and plans a session on the first point.
  await switchUser(page, 'trainer');
  await page.getByRole('link', { name: t('en', 'nav.analytics') }).click();
  await page.getByRole('link', { name: t('en', 'analytics.tab.recurring') }).click();
  const point = page.getByTestId('recurring-factories').locator('details').first();
  await point.locator('summary').click();
  const code = (await point.getAttribute('data-code'))!;
  await point.getByTestId('plan-training').click();
  await expect(page).toHaveURL(/\/training\?point=/);
  const course = page.getByTestId('new-course');
  await expect(course.locator(`fieldset.topics input[value="${code}"]`)).toBeChecked();
  await course.getByLabel(t('en', 'training.title_en'), { exact: true }).fill(title);
  await course.getByLabel(t('en', 'training.audience'), { exact: true }).selectOption('supervisors');
  await course.getByLabel(t('en', 'training.format'), { exact: true }).selectOption('classroom');
  await course.getByLabel(t('en', 'training.hours'), { exact: true }).fill('4');
  await course.getByRole('button', { name: t('en', 'training.create_course') }).click();
  await expect(course.getByText(t('en', 'training.course_created'))).toBeVisible();

  // Two factories invited: the demo factory and Sabrina.
  const plan = page.getByTestId('plan-session');
  await plan.getByLabel(t('en', 'training.course'), { exact: true }).selectOption({ label: title });
  await plan.getByLabel(t('en', 'training.starts_on'), { exact: true }).fill(day);
  await plan.getByLabel(t('en', 'training.ends_on'), { exact: true }).fill(day);
  await plan.getByLabel(t('en', 'training.venue'), { exact: true }).fill('BFC office, Phnom Penh');
  await plan.getByLabel(t('en', 'training.trainers'), { exact: true }).fill('Sophea Chan');
  await plan.getByLabel(t('en', 'training.capacity'), { exact: true }).fill('30');
  const invited = plan.locator('fieldset.invited');
  const ticked = invited.locator('input:checked');
  while ((await ticked.count()) > 0) {
    await ticked.first().uncheck();
  }
  await invited.getByLabel(INJAE, { exact: true }).check();
  await invited.getByLabel(SABRINA, { exact: true }).check();
  await plan.getByRole('button', { name: t('en', 'training.create_session') }).click();
  await plan.getByRole('link', { name: t('en', 'training.open_session') }).click();
  const sessionUrl = page.url();
  await expect(page.getByTestId('session-factories').locator('tbody tr')).toHaveCount(2);

  // The factory manager enrols participants.
  await switchUser(page, 'factory');
  await page.goto(sessionUrl);
  const enrolment = page.getByTestId('enrolment');
  const supervisors = t('en', 'training.audience.supervisors');
  await enrolment.getByLabel(`${supervisors} – ${t('en', 'training.women')}`, { exact: true }).fill('4');
  await enrolment.getByLabel(`${supervisors} – ${t('en', 'training.men')}`, { exact: true }).fill('1');
  await enrolment.getByRole('button', { name: t('en', 'training.save_enrolment') }).click();
  await expect(page.getByTestId('session-factories')).toContainText(t('en', 'training.women_men', { women: '4', men: '1' }));

  try {
    // On the session's day the trainer records attendance and outcomes.
    await atDay(page, day);
    await switchUser(page, 'trainer');
    await page.goto(sessionUrl);
    const report = page.getByTestId('session-report');
    await report.getByLabel(t('en', 'training.status'), { exact: true }).selectOption('held');
    const group = `${INJAE} – ${supervisors}`;
    await report.getByLabel(`${group} – ${t('en', 'training.women')}`, { exact: true }).fill('4');
    await report.getByLabel(`${group} – ${t('en', 'training.men')}`, { exact: true }).fill('1');
    await report.getByLabel(`${supervisors} – ${t('en', 'training.pre_test')}`, { exact: true }).fill('50');
    await report.getByLabel(`${supervisors} – ${t('en', 'training.post_test')}`, { exact: true }).fill('85');
    await report.getByLabel(`${supervisors} – ${t('en', 'training.evaluation')}`, { exact: true }).fill('4.6');
    await report.getByRole('button', { name: t('en', 'training.save_report') }).click();
    await expect(page.getByTestId('session-status')).toHaveText(t('en', 'training.status.held'));

    // The factory posts its improvement plan on the trained point.
    await switchUser(page, 'factory');
    await page.getByRole('link', { name: t('en', 'nav.training') }).click();
    await page.getByTestId('own-training-record').click();
    const block = page.getByTestId('plan-session').filter({ hasText: title });
    const planPoint = block.getByTestId('plan-point').filter({ has: page.locator(`.question-code:text-is("${code}")`) }).first();
    const form = planPoint.getByTestId('new-action');
    await form.locator('summary').click();
    await form.getByRole('button', { name: t('en', 'cap.save_action') }).click();
    await expect(form.getByText(t('en', 'validation.required')).first()).toBeVisible();
    const action = 'Supervisors hold a weekly check of the point with the worker representatives.';
    await form.getByLabel(t('en', 'cap.description')).fill(action);
    await form.getByLabel(t('en', 'cap.responsible')).fill('Production manager');
    await form.getByLabel(t('en', 'cap.target_date')).fill('2027-06-30');
    await form.getByRole('button', { name: t('en', 'cap.save_action') }).click();
    await expect(page.getByTestId('improvement-plan')).toContainText(action);
    for (const lang of LANGS) {
      await chooseLanguage(page, lang);
      await screenshot(page, `training-plan-factory-${lang}`, info.project.name);
    }
    await chooseLanguage(page, 'en');

    // A week later the monitor is back at the factory and verifies the action.
    await atDay(page, visitDay);
    await switchUser(page, 'monitor');
    await page.goto(sessionUrl);
    await page.getByTestId('factory-training-link').filter({ hasText: INJAE }).click();
    const planned = page.getByTestId('improvement-plan').locator('li').filter({ hasText: action }).first();
    const verify = planned.getByTestId('verify-action');
    await verify.getByLabel(t('en', 'cap.verification_note')).fill('Checklist of the weekly checks seen, signed.');
    await verify.getByRole('button', { name: t('en', 'cap.mark_verified'), exact: true }).click();
    await expect(planned.getByTestId('action-verification')).toContainText(t('en', 'cap.verified'));

    // The training reports show the course, with its participants.
    await switchUser(page, 'trainer');
    await page.getByRole('link', { name: t('en', 'nav.training') }).click();
    await page.getByTestId('training-reports-link').click();
    await expect(page.getByTestId('training-effect')).toContainText(title);
    await expect(page.getByTestId('participation-by-course')).toContainText(title);
    for (const lang of LANGS) {
      await chooseLanguage(page, lang);
      await screenshot(page, `training-reports-${lang}`, info.project.name);
    }
    await chooseLanguage(page, 'en');
  } finally {
    await resetServerClock(page);
  }
});

test('a trainer records a needs assessment at a clarification meeting and the factory plans from it', async ({ page }, info) => {
  test.setTimeout(120_000);
  const rootCauses = `Overtime is agreed verbally by line supervisors (${info.project.name} ${Date.now().toString(36)}).`;

  // The factory asks for a clarification meeting about its latest report; staff schedule it.
  await logIn(page, 'factory');
  const me = await (await page.request.get('/api/auth/me')).json();
  const factoryId = me.factory_id as number;
  const history: { visit_id: number }[] = await (await page.request.get(`/api/factories/${factoryId}/reports`)).json();
  const reportId = history[history.length - 1].visit_id;
  const meetingId = await page.evaluate(
    async ({ reportId }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const response = await fetch(`/api/reports/${reportId}/meetings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf_token },
        body: JSON.stringify({ topic: 'We would like to understand the overtime findings.' }),
      });
      return (await response.json()).id as number;
    },
    { reportId },
  );
  await switchUser(page, 'approver');
  expect(await apiPost(page, `/api/meetings/${meetingId}/schedule`, { scheduled_for: '2027-01-20T09:30', place: 'BFC office, Phnom Penh' })).toBe(200);

  // The trainer who joined it records the factory's needs.
  await switchUser(page, 'trainer');
  await page.goto(`/training/factories/${factoryId}`);
  const form = page.getByTestId('needs-assessment-form');
  await form.getByRole('button', { name: t('en', 'training_plan.assess_save') }).click();
  await expect(form.getByText(t('en', 'validation.required')).first()).toBeVisible();
  await form.getByLabel(t('en', 'training_plan.meeting'), { exact: true }).selectOption(String(meetingId));
  const cluster = form.locator('details.topic-cluster').first();
  await cluster.locator('summary').click();
  const firstPoint = cluster.locator('input[type=checkbox]').first();
  const code = (await firstPoint.getAttribute('value'))!;
  await firstPoint.check();
  await form.getByLabel(t('en', 'training_plan.root_causes'), { exact: true }).fill(rootCauses);
  await form.getByLabel(t('en', 'training_plan.recommended_actions'), { exact: true }).fill('Keep an overtime register signed by each worker.');
  await form.getByRole('button', { name: t('en', 'training_plan.assess_save') }).click();
  await expect(form.getByText(t('en', 'training_plan.assess_saved'))).toBeVisible();
  const needs = page.getByTestId('needs-assessment').filter({ hasText: rootCauses });
  await expect(needs).toBeVisible();

  // The factory reads it and turns the point into an action of its plan.
  await switchUser(page, 'factory');
  await page.getByRole('link', { name: t('en', 'nav.training') }).click();
  await page.getByTestId('own-training-record').click();
  await expect(needs).toContainText('Keep an overtime register signed by each worker.');
  const planPoint = needs.getByTestId('plan-point').filter({ has: page.locator(`.question-code:text-is("${code}")`) });
  const newAction = planPoint.getByTestId('new-action');
  await newAction.locator('summary').click();
  await newAction.getByLabel(t('en', 'cap.description')).fill('Open an overtime register at every line.');
  await newAction.getByLabel(t('en', 'cap.responsible')).fill('HR manager');
  await newAction.getByLabel(t('en', 'cap.target_date')).fill('2027-02-28');
  await newAction.getByRole('button', { name: t('en', 'cap.save_action') }).click();
  await expect(planPoint).toContainText('Open an overtime register at every line.');
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await screenshot(page, `training-needs-factory-${lang}`, info.project.name);
  }
  await chooseLanguage(page, 'en');
});
