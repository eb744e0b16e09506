// Two monitors of one visit capture on two tablets, both offline. Answers to different
// questions merge silently; the question both answered differently is a conflict that both
// see after syncing, with both answers, until one of them picks the answer to keep. The server
// keeps every change in the answer's history, each exactly once.
import { Browser, expect, Page, test } from '@playwright/test';
import { answer, chooseLanguage, DEMO_PASSWORD, logIn, question, screenshot, t } from './fixtures/app';

const FACTORY = 'Injae Garment Co. Ltd.';

async function csrf(page: Page): Promise<Record<string, string>> {
  const me = await (await page.request.get('/api/auth/me')).json();
  return { 'x-csrf-token': me.csrf_token };
}

/** A new monitor account with its own password, signed in on a tablet of its own. */
async function secondMonitor(browser: Browser, admin: Page): Promise<{ page: Page; id: number; name: string }> {
  const suffix = Date.now().toString(36);
  const name = `Sokha Chea ${suffix}`;
  const created = await admin.request.post('/api/users', {
    data: { username: `sokha.${suffix}`, display_name: name, role: 'monitor', email: `sokha.${suffix}@example.org` },
    headers: await csrf(admin),
  });
  expect(created.status()).toBe(201);
  const { user, temporary_password: temporary } = await created.json();
  const page = await (await browser.newContext()).newPage();
  await logIn(page, `sokha.${suffix}`, temporary);
  const changed = await page.request.post('/api/auth/password', {
    data: { current_password: temporary, new_password: `${DEMO_PASSWORD}-${suffix}` },
    headers: await csrf(page),
  });
  expect(changed.status()).toBe(200);
  return { page, id: user.id, name };
}

async function history(page: Page, visitId: number, code: string): Promise<{ choice: string; by: string }[]> {
  const response = await page.request.get(`/api/visits/${visitId}/answers/${code}/history`);
  expect(response.status()).toBe(200);
  return (await response.json()).changes;
}

test('two monitors offline on one visit: different questions merge, a disagreement is shown to both and settled by one', async ({ browser }, info) => {
  test.setTimeout(180_000);
  const admin = await (await browser.newContext()).newPage();
  await logIn(admin, 'admin');
  const second = await secondMonitor(browser, admin);
  const lead = await (await browser.newContext()).newPage();
  await logIn(lead, 'monitor');

  // The lead plans the visit with the new colleague as second monitor.
  const factories: { id: number; name: string }[] = await (await lead.request.get('/api/factories')).json();
  const factoryId = factories.find((factory) => factory.name === FACTORY)!.id;
  const created = await lead.request.post('/api/visits', {
    data: {
      factory_id: factoryId, visit_type: 'assessment', announced: false,
      start_date: '2026-12-01', end_date: '2026-12-01', second_monitor_id: second.id,
    },
    headers: await csrf(lead),
  });
  expect(created.status()).toBe(201);
  const visitId: number = (await created.json()).id;
  const cluster = `/visits/${visitId}/clusters/CHI`;

  // Both open the cluster, then lose the connection.
  for (const page of [lead, second.page]) {
    await page.goto(cluster);
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'saved');
    await page.context().setOffline(true);
  }
  await answer(lead, 'CHI.01.02', 'compliant');
  await answer(second.page, 'CHI.01.02', 'not_applicable');
  await answer(second.page, 'CHI.01.04', 'compliant');
  for (const page of [lead, second.page]) {
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');
  }

  // The lead syncs first, then the second monitor, who sees the conflict at once.
  await lead.context().setOffline(false);
  await expect(lead.getByTestId('sync-status')).toHaveAttribute('data-state', 'saved', { timeout: 20_000 });
  await second.page.context().setOffline(false);
  await expect(second.page.getByTestId('sync-status')).toHaveAttribute('data-state', 'saved', { timeout: 20_000 });
  const seenBySecond = question(second.page, 'CHI.01.02').getByTestId('answer-conflict');
  await expect(seenBySecond).toContainText(t('en', 'capture.conflict_title'));
  await expect(seenBySecond.getByTestId('conflict-current')).toContainText(second.name);
  await expect(seenBySecond.getByTestId('conflict-current')).toContainText(t('en', 'capture.choice.not_applicable'));
  await expect(seenBySecond.getByTestId('conflict-other')).toContainText('Dara Kim');
  await expect(seenBySecond.getByTestId('conflict-other')).toContainText(t('en', 'capture.choice.compliant'));
  await expect(question(second.page, 'CHI.01.04').getByTestId('answer-conflict')).toHaveCount(0);
  for (const lang of ['km', 'zh', 'en'] as const) {
    await chooseLanguage(second.page, lang);
    await question(second.page, 'CHI.01.02').scrollIntoViewIfNeeded();
    await screenshot(second.page, `answer-conflict-${lang}`, info.project.name, false);
  }

  // The lead sees it too, counted on the visit page; the other question merged silently.
  await lead.goto(`/visits/${visitId}`);
  await expect(lead.getByTestId('cluster-conflicts')).toHaveText(t('en', 'visits.conflicts', { count: '1' }));
  await lead.goto(cluster);
  const seenByLead = question(lead, 'CHI.01.02').getByTestId('answer-conflict');
  await expect(seenByLead.getByTestId('conflict-other')).toContainText('Dara Kim');
  await expect(question(lead, 'CHI.01.04').getByTestId('answer-conflict')).toHaveCount(0);
  await expect(
    question(lead, 'CHI.01.04').getByRole('button', { name: t('en', 'capture.choice.compliant'), exact: true }),
  ).toHaveAttribute('aria-pressed', 'true');

  // The lead keeps their own answer.
  await seenByLead.getByTestId('conflict-other').getByRole('button', { name: t('en', 'capture.conflict_keep') }).click();
  await expect(seenByLead).toHaveCount(0);
  await expect(
    question(lead, 'CHI.01.02').getByRole('button', { name: t('en', 'capture.choice.compliant'), exact: true }),
  ).toHaveAttribute('aria-pressed', 'true');
  await expect(lead.getByTestId('sync-status')).toHaveAttribute('data-state', 'saved', { timeout: 20_000 });

  // Settled for the second monitor too.
  await second.page.reload();
  await expect(question(second.page, 'CHI.01.02').getByTestId('answer-conflict')).toHaveCount(0);
  await expect(
    question(second.page, 'CHI.01.02').getByRole('button', { name: t('en', 'capture.choice.compliant'), exact: true }),
  ).toHaveAttribute('aria-pressed', 'true');

  // Every change is in the history exactly once.
  expect((await history(lead, visitId, 'CHI.01.02')).map((change) => [change.by, change.choice])).toEqual([
    ['Dara Kim', 'compliant'],
    [second.name, 'not_applicable'],
    ['Dara Kim', 'compliant'],
  ]);
  expect((await history(lead, visitId, 'CHI.01.04')).map((change) => [change.by, change.choice])).toEqual([
    [second.name, 'compliant'],
  ]);
});
