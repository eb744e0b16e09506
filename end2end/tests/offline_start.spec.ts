// After one visit the app starts with no connection at all: a monitor who reloads offline gets
// the app, the visit they were working on with its checklist and answers, and keeps capturing
// answers and the visit's facts; back online everything reaches the server once.
import { expect, test } from '@playwright/test';
import { answer, logIn, question, t } from './fixtures/app';

test.use({ serviceWorkers: 'allow' });

const FACTORY = 'Injae Garment Co. Ltd.';

test('a monitor reloads the visit offline and keeps capturing', async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, 'monitor');
  // The service worker is in charge of the page and has cached the app.
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });
  await page.goto('/visits');
  await page.getByRole('link', { name: t('en', 'visits.new') }).click();
  await page.getByLabel(t('en', 'visits.factory')).selectOption({ label: FACTORY });
  await page.getByRole('button', { name: t('en', 'visits.create') }).click();
  await expect(page.getByTestId('visit-status')).toHaveText(t('en', 'visit_status.draft'));
  const visitId = Number(new URL(page.url()).pathname.split('/').pop());
  await page.getByRole('link', { name: 'Child Labour' }).click();
  await answer(page, 'CHI.01.02', 'compliant');
  const status = page.getByTestId('sync-status');
  await expect(status).toHaveAttribute('data-state', 'saved');
  const clusterUrl = page.url();

  // No connection at all (the service worker's own requests fail too), then a reload.
  await page.context().setOffline(true);
  const reachable = await page.evaluate(() =>
    fetch(`/api/health?probe=${Date.now()}`).then(() => true, () => false));
  expect(reachable).toBe(false);
  await page.reload();
  await expect(page).toHaveURL(clusterUrl);
  await expect(page.getByTestId('offline-notice')).toHaveText(t('en', 'app.offline'));
  await expect(
    question(page, 'CHI.01.02').getByRole('button', { name: t('en', 'capture.choice.compliant'), exact: true }),
  ).toHaveAttribute('aria-pressed', 'true');
  await answer(page, 'CHI.01.04', 'not_applicable');
  await expect(status).toHaveAttribute('data-state', 'offline');
  await expect(page.getByTestId('queued-count')).toHaveText(t('en', 'app.queued', { count: '1' }));

  // The visit's facts are kept on the device too.
  await page.goto(`/visits/${visitId}`);
  await expect(page.getByTestId('offline-notice')).toBeVisible();
  await page.getByLabel(t('en', 'facts.workers_interviewed')).fill('12');
  await page.getByRole('button', { name: t('en', 'facts.save') }).click();
  await expect(page.getByTestId('facts-kept')).toHaveText(t('en', 'facts.kept_on_device'));
  await expect(page.getByTestId('queued-count')).toHaveText(t('en', 'app.queued', { count: '2' }));

  // Back online: the facts go at once, the answers when their page is open again.
  await page.context().setOffline(false);
  await expect(page.getByText(t('en', 'facts.saved'))).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('facts-kept')).toHaveCount(0);
  await expect(page.getByTestId('offline-notice')).toHaveCount(0);
  const visit: { facts: { workers_interviewed: number | null } } = await (await page.request.get(`/api/visits/${visitId}`)).json();
  expect(visit.facts.workers_interviewed).toBe(12);
  await page.goto(clusterUrl);
  await expect(status).toHaveAttribute('data-state', 'saved', { timeout: 20_000 });
  const cluster: { answers: { question_code: string; choice: string }[] } = await (
    await page.request.get(`/api/visits/${visitId}/clusters/CHI`)
  ).json();
  expect(cluster.answers.filter((a) => a.question_code === 'CHI.01.04').map((a) => a.choice)).toEqual(['not_applicable']);
});
