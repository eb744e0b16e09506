// An administrator creates an account; its owner must replace the temporary password.
import { expect, test } from '@playwright/test';
import { logIn, screenshot, t } from './fixtures/app';

test('a new user logs in with a temporary password and must choose their own', async ({ page }, info) => {
  const username = `sokha.${info.project.name}`;
  await logIn(page, 'admin');
  await page.getByRole('link', { name: t('en', 'nav.users') }).click();
  await page.getByLabel(t('en', 'users.username')).fill(username);
  await page.getByLabel(t('en', 'users.display_name')).fill('Sokha Chea');
  await page.getByLabel(t('en', 'users.role')).selectOption('monitor');
  await page.getByRole('button', { name: t('en', 'users.create') }).click();
  const notice = page.getByTestId('temporary-password');
  await expect(notice).toContainText(username);
  const temporary = (await notice.locator('code').textContent())!.trim();
  expect(temporary).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  await expect(page.getByRole('cell', { name: username })).toBeVisible();
  await screenshot(page, 'users-en', info.project.name);
  await page.getByRole('button', { name: t('en', 'nav.logout') }).click();

  await logIn(page, username, temporary);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(t('en', 'account.must_change'))).toBeVisible();
  await page.getByLabel(t('en', 'account.current_password'), { exact: true }).fill(temporary);
  await page.getByLabel(t('en', 'account.new_password'), { exact: true }).fill('short');
  await page.getByLabel(t('en', 'account.confirm_password')).fill('short');
  await page.getByRole('button', { name: t('en', 'common.save') }).click();
  await expect(page.getByText(t('en', 'validation.password_too_short'))).toBeVisible();
  await screenshot(page, 'account-error-en', info.project.name);

  const passphrase = 'tonle sap at dawn with "quotes"';
  await page.getByLabel(t('en', 'account.new_password'), { exact: true }).fill(passphrase);
  await page.getByLabel(t('en', 'account.confirm_password')).fill(passphrase);
  await page.getByRole('button', { name: t('en', 'common.save') }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('#province-workforce-chart canvas').first()).toBeVisible();
});
