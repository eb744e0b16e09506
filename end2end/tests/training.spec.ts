// The training unit writes a course tied to checklist topics, plans a session and invites
// factories; an invited factory's manager enrols participants by group and sex; the trainer
// sees who enrolled. In three languages.
import { expect, test } from '@playwright/test';
import { chooseLanguage, LANGS, logIn, screenshot, switchUser, t } from './fixtures/app';

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
  await expect(enrolment.getByText(t('en', 'training.enrolled'))).toBeVisible();
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
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await screenshot(page, `training-session-${lang}`, info.project.name);
  }
});
