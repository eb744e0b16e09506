// Forms check what is typed with the same shared rule as the API before sending, and a read
// still on its way when the user leaves the page is aborted rather than left to finish.
import { expect, test } from '@playwright/test';
import { logIn, t } from './fixtures/app';

test('a form shows the rule the API applies without sending anything', async ({ page }) => {
  await logIn(page, 'admin');
  await page.getByRole('link', { name: t('en', 'nav.users') }).click();
  await expect(page.getByLabel(t('en', 'users.username'))).toBeVisible();

  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/users') sent.push(request.url());
  });
  await page.getByLabel(t('en', 'users.username')).fill('Sokha Chea');
  await page.getByLabel(t('en', 'users.display_name')).fill('Sokha Chea');
  await page.getByLabel(t('en', 'users.role')).selectOption('factory_manager');
  await page.getByRole('button', { name: t('en', 'users.create') }).click();

  // Both problems at once, under their fields, as the server would word them.
  await expect(page.getByText(t('en', 'validation.username_characters'))).toBeVisible();
  await expect(page.getByText(t('en', 'validation.factory_required'))).toBeVisible();
  // What was typed stays.
  await expect(page.getByLabel(t('en', 'users.display_name'))).toHaveValue('Sokha Chea');
  expect(sent).toEqual([]);
});

test('leaving a page aborts the read it was still waiting for', async ({ page }) => {
  await logIn(page, 'admin');
  // Hold the industry overview back, as a slow connection would.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/analytics/overview**', async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  const failed: string[] = [];
  page.on('requestfailed', (request) => {
    if (request.url().includes('/api/analytics/overview')) failed.push(request.failure()?.errorText ?? '');
  });

  const asked = page.waitForRequest('**/api/analytics/overview**');
  await page.getByRole('link', { name: t('en', 'nav.analytics') }).click();
  await asked;
  await page.getByRole('link', { name: t('en', 'nav.dashboard') }).click();
  await expect(page.locator('#province-workforce-chart canvas').first()).toBeVisible();

  await expect.poll(() => failed).toEqual(['net::ERR_ABORTED']);
  release();
});
