// Logging out ends the session: the app returns to the login page and stays there.
import { expect, test } from '@playwright/test';
import { logIn, screenshot, t } from './fixtures/app';

test('logout returns to the login page and protects the app', async ({ page }, info) => {
  await logIn(page, 'trainer');
  await expect(page.getByRole('navigation')).toBeVisible();
  await page.getByRole('button', { name: t('en', 'nav.logout') }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: t('en', 'login.title') })).toBeVisible();
  await screenshot(page, 'login-en', info.project.name);

  await page.goto('/factories');
  await expect(page).toHaveURL(/\/login$/);
  const me = await page.request.get('/api/auth/me');
  expect(me.status()).toBe(401);
});

test('a deep link loads the app and an unknown page says so', async ({ page }, info) => {
  await logIn(page, 'factory');
  await page.getByRole('link', { name: t('en', 'nav.my_factory') }).click();
  await expect(page.getByRole('heading', { name: 'Injae Garment Co. Ltd.' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Injae Garment Co. Ltd.' })).toBeVisible();
  await screenshot(page, 'my-factory-en', info.project.name);

  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: t('en', 'notfound.title') })).toBeVisible();
  await expect(page.getByRole('link', { name: t('en', 'notfound.home') })).toBeVisible();
});

test('when the session ends on the server the app returns to the login page', async ({ page, context }) => {
  await logIn(page, 'monitor');
  await expect(page.getByRole('navigation')).toBeVisible();
  // Another tab logs out: the server forgets this session.
  const csrf = await page.evaluate(async () => (await (await fetch('/api/auth/me')).json()).csrf_token);
  const ended = await context.request.post('/api/auth/logout', { headers: { 'x-csrf-token': csrf } });
  expect(ended.status()).toBe(204);
  await page.getByRole('link', { name: t('en', 'nav.factories') }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: t('en', 'login.title') })).toBeVisible();
});
