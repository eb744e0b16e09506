// Visit facts typed on a tablet that the report can no longer take (it went to the reviewers
// before they were sent) are never dropped silently: the visit page says so, and the monitor
// saves them to a file or discards them.
import { expect, Page, test } from '@playwright/test';
import { deviceStoreKeys, logIn, t } from './fixtures/app';

const FACTORY = 'Injae Garment Co. Ltd.';

async function csrf(page: Page): Promise<Record<string, string>> {
  const me = await (await page.request.get('/api/auth/me')).json();
  return { 'x-csrf-token': me.csrf_token };
}

/** Puts one entry into the app's device store (IndexedDB), as the app would have. */
async function keepOnDevice(page: Page, key: string, value: string): Promise<void> {
  await page.evaluate(
    ({ key, value }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('ims-device');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const transaction = open.result.transaction('queue', 'readwrite');
          transaction.objectStore('queue').put(value, key);
          transaction.oncomplete = () => { open.result.close(); resolve(); };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    { key, value },
  );
}

test('facts kept for a report that went to review are shown, saved to a file and discarded', async ({ page }) => {
  await logIn(page, 'monitor');
  const me = await (await page.request.get('/api/auth/me')).json();
  const factories: { id: number; name: string }[] = await (await page.request.get('/api/factories')).json();
  const created = await page.request.post('/api/visits', {
    data: {
      factory_id: factories.find((factory) => factory.name === FACTORY)!.id, visit_type: 'assessment',
      announced: false, start_date: '2026-12-01', end_date: '2026-12-01',
    },
    headers: await csrf(page),
  });
  const visitId: number = (await created.json()).id;
  const facts = { outcome: 'completed', workers_interviewed: 12 };
  expect((await page.request.put(`/api/visits/${visitId}/facts`, { data: facts, headers: await csrf(page) })).status()).toBe(200);
  expect((await page.request.post(`/api/visits/${visitId}/transitions`, {
    data: { transition: 'submit', reason: '' }, headers: await csrf(page),
  })).status()).toBe(200);
  // A later save of the facts that never reached the server.
  const stored = (await (await page.request.get(`/api/visits/${visitId}`)).json()).facts;
  const unsent = { ...stored, workers_interviewed: 31 };
  await page.goto(`/visits/${visitId}`);
  await keepOnDevice(page, `ims.pending_facts.u${me.id}.${visitId}`, JSON.stringify(unsent));

  await page.reload();
  const panel = page.getByTestId('stranded-facts');
  await expect(panel).toContainText(t('en', 'facts.stranded'));
  const download = page.waitForEvent('download');
  await page.getByTestId('stranded-facts-save').click();
  const saved = JSON.parse((await (await (await download).createReadStream()).toArray()).join(''));
  expect(saved.workers_interviewed).toBe(31);

  await panel.getByRole('button', { name: t('en', 'sync.discard') }).click();
  await expect(panel).toContainText(t('en', 'facts.discard_confirm'));
  await page.getByTestId('stranded-facts-discard').click();
  await expect(panel).toHaveCount(0);
  // The device store writes in the background: the discarded facts must be gone from it
  // before the reload, or the reload reads them again.
  await expect.poll(() => deviceStoreKeys(page)).not.toContain(`ims.pending_facts.u${me.id}.${visitId}`);
  await page.reload();
  await expect(page.getByTestId('visit-status')).toBeVisible();
  await expect(page.getByTestId('stranded-facts')).toHaveCount(0);
});
