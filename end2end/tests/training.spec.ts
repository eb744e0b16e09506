// The training unit writes a course tied to checklist topics, plans a session and invites
// factories; an invited factory's manager enrols participants by group and sex; the trainer
// sees who enrolled. In three languages.
import { expect, test } from '@playwright/test';
import { chooseLanguage, LANGS, logIn, resetServerClock, screenshot, setServerClock, switchUser, t } from './fixtures/app';

const INJAE = 'Injae Garment Co. Ltd.';
const SABRINA = 'Sabrina (Cambodia) Garment Manufacturing Corp.';

test('a trainer plans a session, a factory enrols participants, the trainer sees them', async ({ page }, info) => {
  test.setTimeout(120_000);
  const title = `Working hours and overtime ${Date.now().toString(36)}`;
  await logIn(page, 'trainer');
  await page.getByRole('link', { name: t('en', 'nav.training') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'training.title'));

  // A course: a form refusing what the rule refuses, then accepted.
  const course = page.getByTestId('new-course');
  await course.getByRole('button', { name: t('en', 'training.create_course') }).click();
  await expect(course.getByText(t('en', 'validation.required')).first()).toBeVisible();
  await course.getByLabel(t('en', 'training.title_en'), { exact: true }).fill(title);
  await course.getByLabel(t('en', 'training.title_km'), { exact: true }).fill('ម៉ោងធ្វើការ និងម៉ោងបន្ថែម');
  await course.getByLabel(t('en', 'training.audience'), { exact: true }).selectOption('hr');
  await course.getByLabel(t('en', 'training.format'), { exact: true }).selectOption('classroom');
  await course.getByLabel(t('en', 'training.hours'), { exact: true }).fill('6');
  await course.locator('fieldset.topics input[value="CHI"]').check();
  await course.getByRole('button', { name: t('en', 'training.create_course') }).click();
  await expect(course.getByText(t('en', 'training.course_created'))).toBeVisible();
  await expect(page.getByTestId('training-courses')).toContainText(title);

  // A session of it, two factories invited.
  const plan = page.getByTestId('plan-session');
  await plan.getByLabel(t('en', 'training.course'), { exact: true }).selectOption({ label: title });
  await plan.getByLabel(t('en', 'training.starts_on'), { exact: true }).fill('2027-03-10');
  await plan.getByLabel(t('en', 'training.ends_on'), { exact: true }).fill('2027-03-11');
  await plan.getByLabel(t('en', 'training.venue'), { exact: true }).fill('GMAC training centre, Phnom Penh');
  await plan.getByLabel(t('en', 'training.trainers'), { exact: true }).fill('Vanna Sok');
  await plan.getByLabel(t('en', 'training.capacity'), { exact: true }).fill('30');
  await plan.locator('fieldset.invited').getByLabel(INJAE, { exact: true }).check();
  await plan.locator('fieldset.invited').getByLabel(SABRINA, { exact: true }).check();
  await plan.getByRole('button', { name: t('en', 'training.create_session') }).click();
  await expect(plan.getByText(t('en', 'training.session_planned'))).toBeVisible();
  await plan.getByRole('link', { name: t('en', 'training.open_session') }).click();
  const sessionUrl = page.url();
  await expect(page.getByTestId('session-factories')).toContainText(INJAE);
  await expect(page.getByTestId('session-factories')).toContainText(SABRINA);

  // The factory manager sees the invitation and enrols participants.
  await switchUser(page, 'factory');
  await page.getByRole('link', { name: t('en', 'nav.training') }).click();
  await page.getByTestId('training-sessions').getByRole('link', { name: title }).click();
  const enrolment = page.getByTestId('enrolment');
  const hr = t('en', 'training.audience.hr');
  await enrolment.getByLabel(`${hr} – ${t('en', 'training.women')}`, { exact: true }).fill('3');
  await enrolment.getByLabel(`${hr} – ${t('en', 'training.men')}`, { exact: true }).fill('2');
  await enrolment.getByRole('button', { name: t('en', 'training.save_enrolment') }).click();
  // The page reads the session again: the factory's row shows what it enrolled.
  await expect(page.getByTestId('session-factories')).toContainText(t('en', 'training.women_men', { women: '3', men: '2' }));
  // Only its own factory is shown to it.
  await expect(page.getByTestId('session-factories')).not.toContainText(SABRINA);
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await screenshot(page, `training-enrolment-${lang}`, info.project.name);
  }
  await chooseLanguage(page, 'en');

  // The trainer sees who enrolled.
  await switchUser(page, 'trainer');
  await page.goto(sessionUrl);
  const injaeRow = page.getByTestId('session-factories').getByRole('row', { name: new RegExp(INJAE.replace(/\./g, '\\.')) });
  await expect(injaeRow).toContainText(t('en', 'training.women_men', { women: '3', men: '2' }));
  await chooseLanguage(page, 'en');

  // The session's first day (server and tablet): the trainer records it as held.
  const firstDay = new Date('2027-03-10T09:00:00+07:00');
  await setServerClock(page, firstDay.getTime() / 1000);
  try {
    await page.clock.setFixedTime(firstDay);
    await switchUser(page, 'trainer');
    await page.goto(sessionUrl);
    const report = page.getByTestId('session-report');
    await report.getByLabel(t('en', 'training.status'), { exact: true }).selectOption('held');
    const group = `${INJAE} – ${hr}`;
    await report.getByLabel(`${group} – ${t('en', 'training.women')}`, { exact: true }).fill('2');
    await report.getByLabel(`${group} – ${t('en', 'training.men')}`, { exact: true }).fill('1');
    await report.getByLabel(`${hr} – ${t('en', 'training.pre_test')}`, { exact: true }).fill('45');
    await report.getByLabel(`${hr} – ${t('en', 'training.post_test')}`, { exact: true }).fill('80');
    await report.getByLabel(`${hr} – ${t('en', 'training.evaluation')}`, { exact: true }).fill('7');
    await report.getByRole('button', { name: t('en', 'training.save_report') }).click();
    await expect(report.getByText(t('en', 'validation.out_of_range'))).toBeVisible();
    await report.getByLabel(`${hr} – ${t('en', 'training.evaluation')}`, { exact: true }).fill('4.5');
    await report.getByRole('button', { name: t('en', 'training.save_report') }).click();
    await expect(page.getByTestId('session-status')).toHaveText(t('en', 'training.status.held'));
    await expect(page.getByTestId('session-attendance')).toContainText(INJAE);
    await expect(page.getByTestId('session-outcomes')).toContainText('80.0');
    for (const lang of LANGS) {
      await chooseLanguage(page, lang);
      await screenshot(page, `training-session-${lang}`, info.project.name);
    }
  } finally {
    await resetServerClock(page);
  }
});

test('a trainer plans a session from a recurring issue, inviting the factories concerned', async ({ page }) => {
  test.setTimeout(90_000);
  await logIn(page, 'trainer');
  await page.getByRole('link', { name: t('en', 'nav.analytics') }).click();
  await page.getByRole('link', { name: t('en', 'analytics.tab.recurring') }).click();
  const point = page.getByTestId('recurring-factories').locator('details').first();
  await point.locator('summary').click();
  const code = (await point.getAttribute('data-code'))!;
  const listed = await point.locator('.link-list').getByRole('link').count();
  expect(listed).toBeGreaterThan(0);
  await point.getByTestId('plan-training').click();
  await expect(page).toHaveURL(/\/training\?point=/);
  // Every factory the figures name is invited (the page lists the first of them).
  const concerned = new URL(page.url()).searchParams.get('factories')!.split(',').length;
  expect(concerned).toBeGreaterThanOrEqual(listed);

  // The factories are ticked and the new-course form has the point ticked (the demo's
  // catalogue may already have a course on it: then it is chosen until a newer one is written).
  const notice = page.getByTestId('training-evidence');
  const expected = [
    t('en', 'training.from_evidence_no_course', { point: code, count: String(concerned) }),
    t('en', 'training.from_evidence', { point: code, count: String(concerned) }),
  ];
  await expect(notice).toBeVisible();
  expect(expected).toContain(await notice.textContent());
  await expect(page.locator('fieldset.invited input:checked')).toHaveCount(concerned);
  const course = page.getByTestId('new-course');
  await expect(course.locator(`fieldset.topics input[value="${code}"]`)).toBeChecked();
  const title = `Recurring ${code} ${Date.now().toString(36)}`;
  await course.getByLabel(t('en', 'training.title_en'), { exact: true }).fill(title);
  await course.getByLabel(t('en', 'training.audience'), { exact: true }).selectOption('supervisors');
  await course.getByLabel(t('en', 'training.format'), { exact: true }).selectOption('on_site');
  await course.getByLabel(t('en', 'training.hours'), { exact: true }).fill('3');
  await course.getByRole('button', { name: t('en', 'training.create_course') }).click();

  // The course is chosen for the session; the trainer plans it.
  await expect(notice).toHaveText(t('en', 'training.from_evidence', { point: code, count: String(concerned) }));
  const plan = page.getByTestId('plan-session');
  await expect(plan.getByLabel(t('en', 'training.course'), { exact: true }).locator('option:checked')).toHaveText(title);
  await plan.getByLabel(t('en', 'training.starts_on'), { exact: true }).fill('2027-04-20');
  await plan.getByLabel(t('en', 'training.ends_on'), { exact: true }).fill('2027-04-20');
  await plan.getByLabel(t('en', 'training.venue'), { exact: true }).fill('At the factories, Kandal');
  await plan.getByLabel(t('en', 'training.trainers'), { exact: true }).fill('Vanna Sok');
  await plan.getByLabel(t('en', 'training.capacity'), { exact: true }).fill('25');
  await plan.getByRole('button', { name: t('en', 'training.create_session') }).click();
  await plan.getByRole('link', { name: t('en', 'training.open_session') }).click();
  await expect(page.getByTestId('session-factories').locator('tbody tr')).toHaveCount(concerned);
});
