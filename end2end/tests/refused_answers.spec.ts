// Answers the server refuses (422) stay on the tablet with the reason: they are not sent again
// and again on their own; the monitor saves them to a file, tries again, or discards them.
import { expect, test } from '@playwright/test';
import { answer, logIn, t } from './fixtures/app';

const FACTORY = 'Injae Garment Co. Ltd.';

test('answers the server refuses are kept, shown with the reason and never retried on their own', async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, 'monitor');
  await page.goto('/visits');
  await page.getByRole('link', { name: t('en', 'visits.new') }).click();
  await page.getByLabel(t('en', 'visits.factory')).selectOption({ label: FACTORY });
  await page.getByRole('button', { name: t('en', 'visits.create') }).click();
  await page.getByRole('link', { name: 'Child Labour' }).click();
  const status = page.getByTestId('sync-status');

  // The server refuses every batch with a validation error.
  let refusedBatches = 0;
  await page.route('**/api/visits/*/answers', async (route) => {
    refusedBatches += 1;
    await route.fulfill({
      status: 422,
      contentType: 'application/json',
      body: JSON.stringify({ code: 'visit_not_editable', message: 'refused', fields: [] }),
    });
  });
  await answer(page, 'CHI.01.02', 'compliant');
  await expect(status).toHaveAttribute('data-state', 'refused');
  await expect(status).toContainText(t('en', 'sync.refused', { count: '1' }));
  const afterRefusal = refusedBatches;

  // Longer than the retry interval: nothing is sent again on its own.
  await page.waitForTimeout(12_000);
  expect(refusedBatches).toBe(afterRefusal);
  await expect(status).toHaveAttribute('data-state', 'refused');

  // The monitor keeps a copy in a file.
  const download = page.waitForEvent('download');
  await page.getByTestId('sync-save-file').click();
  const file = await download;
  const saved = JSON.parse(await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')));
  expect(saved.answers.map((a: { question_code: string }) => a.question_code)).toEqual(['CHI.01.02']);

  // Once the reason is gone, "send now" delivers them.
  await page.unroute('**/api/visits/*/answers');
  await page.getByTestId('sync-retry').click();
  await expect(status).toHaveAttribute('data-state', 'saved');

  // Refused again: the monitor discards them after confirming.
  await page.route('**/api/visits/*/answers', (route) =>
    route.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ code: 'visit_not_editable', message: 'refused', fields: [] }) }),
  );
  await answer(page, 'CHI.01.04', 'compliant');
  await expect(status).toHaveAttribute('data-state', 'refused');
  const secondDownload = page.waitForEvent('download');
  await page.getByTestId('sync-save-file').click();
  const savedFile = await (await secondDownload).path();
  await page.getByTestId('sync-discard').click();
  await page.getByTestId('sync-discard-confirm').click();
  await expect(status).toHaveAttribute('data-state', 'saved');
  await page.reload();
  await expect(status).toHaveAttribute('data-state', 'saved');
  await page.unroute('**/api/visits/*/answers');

  // The saved file is imported on the visit page (as on another device) and sent, twice over:
  // the server holds the change once. A file that is not one is refused, with nothing queued.
  const visitPage = page.url().replace(/\/clusters\/.*$/, '');
  const visitId = Number(visitPage.split('/').pop());
  await page.goto(visitPage);
  const importPanel = page.getByTestId('import-saved-changes');
  await importPanel.getByLabel(t('en', 'sync.import_file')).setInputFiles({
    name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"visit": "no"}'),
  });
  await importPanel.getByRole('button', { name: t('en', 'sync.import_submit') }).click();
  await expect(importPanel.getByTestId('import-outcome')).toHaveText(t('en', 'sync.import_unreadable'));
  for (let time = 0; time < 2; time += 1) {
    await importPanel.getByLabel(t('en', 'sync.import_file')).setInputFiles(savedFile!);
    await importPanel.getByRole('button', { name: t('en', 'sync.import_submit') }).click();
    await expect(importPanel.getByTestId('import-outcome')).toHaveText(t('en', 'sync.imported', { count: '1' }));
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'saved');
  }
  const history = await (await page.request.get(`/api/visits/${visitId}/answers/CHI.01.04/history`)).json();
  expect(history.changes.map((change: { choice: string }) => change.choice)).toEqual(['compliant']);
});
