// Each demo role logs in and sees its own navigation and home page (the dashboard chart, or a
// factory manager's own factory) in English, Khmer and Chinese; screenshots of every page are
// saved under target/e2e/screenshots.
import { expect, test } from '@playwright/test';
import { chooseLanguage, DEMO_ROLES, LANGS, logIn, screenshot, t } from './fixtures/app';

// Every navigation entry of the product: each role must show exactly its own.
const ALL_NAV_KEYS = [
  'nav.dashboard', 'nav.factories', 'nav.my_factory', 'nav.visits', 'nav.reports', 'nav.self_assessment', 'nav.analytics',
  'nav.compare', 'nav.editions', 'nav.report_access', 'nav.suppliers', 'nav.subscriptions', 'nav.objections',
  'nav.concerns', 'nav.checklists', 'nav.outbox', 'nav.holidays', 'nav.public_site', 'nav.users', 'nav.account',
];

for (const account of DEMO_ROLES) {
  test(`${account.role} logs in and sees the navigation and chart in three languages`, async ({ page }, info) => {
    await logIn(page, account.username);
    const nav = page.getByRole('navigation');
    await expect(nav.getByRole('link', { name: t('en', 'nav.dashboard') })).toBeVisible();

    for (const lang of LANGS) {
      await chooseLanguage(page, lang);
      const navigation = page.getByRole('navigation', { name: t(lang, 'nav.main') });
      for (const key of ALL_NAV_KEYS) {
        const link = navigation.getByRole('link', { name: t(lang, key), exact: true });
        if (account.nav.includes(key)) {
          await expect(link).toBeVisible();
        } else {
          await expect(link).toHaveCount(0);
        }
      }
      await expect(page.getByText(t(lang, `role.${account.role}`), { exact: false }).first()).toBeVisible();
      if (account.role === 'factory_manager') {
        // A factory manager's home is their own factory (factory_home.spec.ts), not the industry.
        await expect(page.getByTestId('factory-home')).toBeVisible();
        await expect(page.getByTestId('home-factory-name')).not.toBeEmpty();
        await expect(page.locator('#province-workforce-chart')).toHaveCount(0);
      } else {
        await expect(page.getByRole('heading', { name: t(lang, 'dashboard.workforce_chart') })).toBeVisible();
        // ECharts draws into a canvas inside the chart's container.
        await expect(page.locator('#province-workforce-chart canvas').first()).toBeVisible();
        // The demo industry's workforce, as the API adds it up (the demo loads a generated industry).
        const provinces = (await (await page.request.get('/api/dashboard/province-workforce')).json()) as { workers: number }[];
        const total = provinces.reduce((sum, province) => sum + province.workers, 0);
        expect(total).toBeGreaterThan(15_110);
        await expect(page.getByTestId('total-workers')).toHaveText(total.toLocaleString('en-US'));
      }
      await screenshot(page, `dashboard-${account.username}-${lang}`, info.project.name);
    }
    await chooseLanguage(page, 'en');
  });
}

test('the language choice is remembered after a reload', async ({ page }) => {
  await logIn(page, 'monitor');
  await chooseLanguage(page, 'zh');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
  await expect(page.getByRole('link', { name: t('zh', 'nav.factories'), exact: true })).toBeVisible();
  await chooseLanguage(page, 'en');
});

test('programme staff read the factory registry in three languages', async ({ page }, info) => {
  await logIn(page, 'monitor');
  await page.getByRole('link', { name: t('en', 'nav.factories') }).click();
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(page.getByRole('columnheader', { name: t(lang, 'factories.province') })).toBeVisible();
    await expect(page.getByRole('cell', { name: t(lang, 'province.kampong_speu') }).first()).toBeVisible();
    // The six demo factories (factory_home.spec.ts registers one more before this runs).
    await expect(page.getByRole('row', { name: /DEMO-000/ })).toHaveCount(6);
    await screenshot(page, `factories-${lang}`, info.project.name);
  }
  await chooseLanguage(page, 'en');
});
