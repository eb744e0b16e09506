// A wrong password shows a clear error in the user's language and keeps the user name.
import { expect, test } from '@playwright/test';
import { chooseLanguage, LANGS, NATIVE_NAMES, screenshot, t } from './fixtures/app';

test('a wrong password shows an error in each language', async ({ page }, info) => {
  await page.goto('/login');
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await page.getByLabel(t(lang, 'login.username')).fill('approver');
    await page.getByLabel(t(lang, 'login.password'), { exact: true }).fill('not the right passphrase');
    await page.getByRole('button', { name: t(lang, 'login.submit') }).click();
    await expect(page.getByRole('alert')).toHaveText(t(lang, 'error.invalid_credentials'));
    await expect(page.getByLabel(t(lang, 'login.username'))).toHaveValue('approver');
    await expect(page.getByLabel(t(lang, 'login.password'), { exact: true })).toHaveValue('');
    await screenshot(page, `login-error-${lang}`, info.project.name);
  }
  expect(Object.keys(NATIVE_NAMES)).toHaveLength(3);
});
