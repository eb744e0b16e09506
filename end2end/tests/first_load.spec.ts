// The first load stays light: the login page downloads no chart library, the app's assets come
// precompressed, and ECharts arrives once, when a page first shows a chart.
import { expect, test } from '@playwright/test';
import { logIn, t } from './fixtures/app';

test('the login page loads without charts and the first chart brings them once', async ({ page }) => {
  const requested: string[] = [];
  const encodings: Record<string, string | undefined> = {};
  page.on('response', (response) => {
    const url = new URL(response.url());
    requested.push(url.pathname);
    encodings[url.pathname] = response.headers()['content-encoding'];
  });
  await page.goto('/login');
  await expect(page.locator('#username')).toBeEditable();
  expect(requested.some((p) => p.includes('echarts'))).toBe(false);
  const wasm = requested.find((p) => p.endsWith('.wasm'));
  expect(wasm).toBeDefined();
  expect(encodings[wasm!]).toBe('br');

  await logIn(page, 'admin');
  await expect(page.locator('.chart canvas').first()).toBeVisible();
  // Within the app (no reload), another page of charts uses the library already there.
  await page.getByRole('navigation').getByRole('link', { name: t('en', 'nav.analytics'), exact: true }).click();
  await expect(page.locator('.chart canvas').first()).toBeVisible();
  const charts = requested.filter((p) => p === '/echarts-charts.js');
  expect(charts).toHaveLength(1);
  expect(encodings['/echarts-charts.js']).toBe('br');
});
