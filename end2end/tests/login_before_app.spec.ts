// On a slow link the login form is usable before the WebAssembly module has arrived: it is in
// the page itself, in the user's language, signs in with the same request as the app, and the
// app takes over what was typed (and the message shown) when it starts.
import { expect, Page, test } from '@playwright/test';
import { DEMO_PASSWORD, screenshot, t } from './fixtures/app';

/** Holds the module back until the returned function is called. */
async function holdModule(page: Page): Promise<() => void> {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => { release = resolve; });
  await page.route('**/*_bg.wasm', async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test('the login form works before the app has loaded and the app takes it over', async ({ page }, info) => {
  const release = await holdModule(page);
  await page.goto('/login');
  const shell = page.locator('#login-shell');
  await expect(shell).toBeVisible();
  await expect(shell.getByRole('heading', { level: 2 })).toHaveText(t('en', 'login.title'));

  // In Khmer, a wrong password is refused with the message in Khmer and the password cleared.
  await shell.getByRole('button', { name: 'ខ្មែរ', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'km');
  await expect(shell.getByLabel(t('km', 'login.username'))).toBeEditable();
  await shell.getByLabel(t('km', 'login.username')).fill('monitor');
  await shell.getByLabel(t('km', 'login.password'), { exact: true }).fill('not the password at all');
  await shell.getByRole('button', { name: t('km', 'login.submit') }).click();
  await expect(shell.getByRole('alert')).toHaveText(t('km', 'error.invalid_credentials'));
  await expect(shell.getByLabel(t('km', 'login.password'), { exact: true })).toHaveValue('');
  await screenshot(page, 'login-before-app-km', info.project.name, false);

  // The app arrives: the user name, the message and the cursor carry over; the form is the app's.
  await shell.getByLabel(t('km', 'login.password'), { exact: true }).focus();
  release();
  await expect(shell).toHaveCount(0);
  await expect(page.getByLabel(t('km', 'login.username'))).toHaveValue('monitor');
  await expect(page.getByRole('alert')).toHaveText(t('km', 'error.invalid_credentials'));
  await expect(page.getByLabel(t('km', 'login.password'), { exact: true })).toBeFocused();
});

test('signing in before the app has loaded opens the app signed in', async ({ page }) => {
  const release = await holdModule(page);
  await page.goto('/');
  const shell = page.locator('#login-shell');
  await shell.getByRole('button', { name: 'English', exact: true }).click();
  await shell.getByLabel(t('en', 'login.username')).fill('monitor');
  await shell.getByLabel(t('en', 'login.password'), { exact: true }).fill(DEMO_PASSWORD);
  await shell.getByRole('button', { name: t('en', 'login.submit') }).click();
  await expect(shell.getByRole('button', { name: t('en', 'login.submitting') })).toBeDisabled();
  release();
  await expect(page.getByRole('button', { name: t('en', 'nav.logout') })).toBeVisible();
  await expect(shell).toHaveCount(0);
  await expect(page).not.toHaveURL(/\/login$/);
  // Once signed in on this device, the form is not shown on the home page while the app loads.
  const releaseAgain = await holdModule(page);
  await page.goto('/');
  await expect(page.locator('#login-shell')).toHaveCount(0);
  releaseAgain();
  await expect(page.getByRole('button', { name: t('en', 'nav.logout') })).toBeVisible();
});
