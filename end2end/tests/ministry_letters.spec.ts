// Reports of non-cooperation: the monitor kept at the gate records the visit as obstructed;
// when the approver approves the report, a letter to each ministry is written, emailed to the
// Ministry of Labour through the outbox (the only ministry with an address here) and listed
// on the Ministries page, where it prints in Khmer and English and its paper hand-over is
// recorded; ministry staff (the government reader) read and print them. Screenshots in three
// languages.
import { expect, test } from '@playwright/test';
import { apiPostJson, chooseLanguage, LANGS, logIn, screenshot, switchUser, t } from './fixtures/app';

const FACTORY = 'Reliable Source Industrial (Cambodia) Co. Ltd.';
const DETAILS = 'Security kept the team at the gate for 95 minutes, then the manager refused entry to the sewing floor.';
const LABOUR_ADDRESS = 'inspection@mlvt.example.gov.kh';

/** Today's date in Cambodia. */
function today(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

test('an obstructed visit is reported to both ministries and its paper copy handed over', async ({ page }, info) => {
  // The monitor records the visit as obstructed after a long wait at the gate, and submits it.
  await logIn(page, 'monitor');
  const factories = (await (await page.request.get('/api/factories')).json()) as { id: number; name: string }[];
  const factory = factories.find((f) => f.name === FACTORY)!;
  const created = await apiPostJson(page, '/api/visits', {
    factory_id: factory.id, visit_type: 'assessment', announced: false, start_date: today(), end_date: today(),
  });
  expect(created.status).toBe(201);
  const visitId = created.body.id as number;
  await page.goto(`/visits/${visitId}`);
  const facts = page.getByTestId('facts-form');
  await facts.getByLabel(t('en', 'facts.gate_wait')).fill('95');
  await facts.getByTestId('record-non-cooperation').click();
  await facts.getByLabel(t('en', 'facts.non_cooperation_details')).fill(DETAILS);
  await facts.getByRole('button', { name: t('en', 'facts.save') }).click();
  await expect(page.getByText(t('en', 'facts.saved'))).toBeVisible();
  await page.getByRole('button', { name: t('en', 'workflow.submit') }).click();
  await expect(page.getByTestId('visit-status')).toHaveText(t('en', 'visit_status.submitted'));

  // The approver approves it; the letters are written.
  await switchUser(page, 'approver');
  await page.goto(`/visits/${visitId}`);
  await page.getByRole('button', { name: t('en', 'workflow.approve') }).click();
  await expect(page.getByTestId('visit-status')).toHaveText(t('en', 'visit_status.approved'));
  await page.getByRole('link', { name: t('en', 'nav.ministries') }).click();
  const letters = page.locator(`[data-testid="ministry-letter"][data-visit="${visitId}"]`);
  await expect(letters).toHaveCount(2);
  const labour = letters.and(page.locator('[data-ministry="labour"]'));
  const commerce = letters.and(page.locator('[data-ministry="commerce"]'));
  await expect(labour.getByTestId('letter-email')).toContainText(LABOUR_ADDRESS);
  await expect(commerce.getByTestId('letter-email')).not.toContainText('@');
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'ministries.title'));
    await screenshot(page, `ministries-${lang}`, info.project.name);
  }
  await chooseLanguage(page, 'en');

  // The Ministry of Commerce's copy is handed over on paper and recorded.
  const handover = commerce.getByTestId('handover-form');
  await handover.getByRole('textbox').last().fill('Received by the minister\'s cabinet, receipt 114');
  await handover.getByRole('button').click();
  await expect(commerce.getByTestId('letter-paper')).toContainText(today());
  await expect(commerce.getByTestId('handover-form')).toHaveCount(0);

  // The letter prints in Khmer and English.
  await labour.getByTestId('print-letter').click();
  await expect(page.locator('section[lang="km"]')).toContainText(FACTORY);
  await expect(page.locator('section[lang="en"]')).toContainText(DETAILS);
  await expect(page.locator('section[lang="km"]')).toContainText(t('km', 'ministry.labour'));
  await screenshot(page, `ministry-letter-print`, info.project.name);

  // Ministry staff read the letters and print them, record nothing, and open nothing
  // confidential about the factory.
  await switchUser(page, 'ministry');
  await page.getByRole('link', { name: t('en', 'nav.ministries') }).click();
  const ministryView = page.locator(`[data-testid="ministry-letter"][data-visit="${visitId}"]`);
  await expect(ministryView).toHaveCount(2);
  // The demo's own obstructed visit (Yorks, twenty days ago) wrote its letters too.
  await expect(page.getByTestId('ministry-letter').filter({ hasText: 'Yorks (Cambodia) Co. Ltd' })).toHaveCount(2);
  await expect(page.getByTestId('handover-form')).toHaveCount(0);
  await expect(ministryView.and(page.locator('[data-ministry="commerce"]')).getByTestId('letter-paper')).toContainText(today());
  await screenshot(page, 'ministries-government-reader', info.project.name);
  for (const path of [`/api/visits/${visitId}`, `/api/factories/${factory.id}`, '/api/non-cooperation-records', '/api/analytics/overview', '/api/planning', '/api/management']) {
    expect([403, 404], path).toContain((await page.request.get(path)).status());
  }
  await ministryView.and(page.locator('[data-ministry="labour"]')).getByTestId('print-letter').click();
  await expect(page.locator('section[lang="en"]')).toContainText(DETAILS);

  // The administrator finds the email to the Ministry of Labour in the outbox.
  await switchUser(page, 'admin');
  const outbox = (await (await page.request.get('/api/outbox')).json()) as { messages: { to_address: string; body: string }[] };
  const email = outbox.messages.find((m) => m.to_address === LABOUR_ADDRESS && m.body.includes(DETAILS));
  expect(email).toBeTruthy();
});
