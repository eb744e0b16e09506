// A shared tablet: a monitor's unsent answers are theirs. Signing out with unsent answers warns
// first; the next user neither sees nor sends them; they are sent when the monitor signs in
// again on this device.
import { expect, test } from '@playwright/test';
import { answer, deviceStoreKeys, logIn, switchUser, t } from './fixtures/app';

const FACTORY = 'Injae Garment Co. Ltd.';

test("a monitor's unsent answers stay theirs on a shared tablet", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, 'monitor');
  const monitor = await (await page.request.get('/api/auth/me')).json();
  await page.goto('/visits');
  await page.getByRole('link', { name: t('en', 'visits.new') }).click();
  await page.getByLabel(t('en', 'visits.factory')).selectOption({ label: FACTORY });
  await page.getByRole('button', { name: t('en', 'visits.create') }).click();
  await expect(page.getByTestId('visit-status')).toHaveText(t('en', 'visit_status.draft'));
  const visitId = Number(new URL(page.url()).pathname.split('/').pop());
  await page.getByRole('link', { name: 'Child Labour' }).click();
  const clusterUrl = page.url();

  // Offline, an answer waits on the tablet; signing out says so, and staying is possible.
  await page.context().setOffline(true);
  await answer(page, 'CHI.01.02', 'compliant');
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');
  const logout = page.getByRole('button', { name: t('en', 'nav.logout') });
  await logout.click();
  await expect(page.getByTestId('unsent-warning')).toContainText(t('en', 'app.unsent_on_sign_out', { count: '1' }));
  await page.getByTestId('stay-signed-in').click();
  await expect(page.getByTestId('unsent-warning')).toHaveCount(0);
  await logout.click();
  await page.getByTestId('sign-out-anyway').click();
  await expect(page).toHaveURL(/\/login$/);

  // Someone else signs in on the tablet: the monitor's answers are not theirs to send.
  await page.context().setOffline(false);
  await switchUser(page, 'admin');
  // The answer waits in the device's IndexedDB store, under the monitor's name, not in localStorage.
  const keys = (await deviceStoreKeys(page)).filter((key) => key.startsWith('ims.pending'));
  expect(keys).toEqual([`ims.pending_answers.u${monitor.id}.${visitId}`]);
  const inLocalStorage = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('ims.pending')));
  expect(inLocalStorage).toEqual([]);
  await page.goto(clusterUrl);
  await page.waitForTimeout(1_000);
  const before: { answers: { question_code: string }[] } = await (
    await page.request.get(`/api/visits/${visitId}/clusters/CHI`)
  ).json();
  expect(before.answers.map((a) => a.question_code)).not.toContain('CHI.01.02');

  // The monitor signs in again: the answer is sent.
  await switchUser(page, 'monitor');
  await page.goto(clusterUrl);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'saved', { timeout: 20_000 });
  const after: { answers: { question_code: string; choice: string }[] } = await (
    await page.request.get(`/api/visits/${visitId}/clusters/CHI`)
  ).json();
  expect(after.answers.filter((a) => a.question_code === 'CHI.01.02').map((a) => a.choice)).toEqual(['compliant']);
});
