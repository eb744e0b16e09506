// The web app's first load as a new user on a tablet meets it: 768×1024, CPU slowed 4× (a
// mid-range tablet), empty cache; on loopback and on a "Fast 3G" link (1.6 Mbit/s down,
// 750 kbit/s up, 150 ms). Measures the bytes transferred until the login form is usable and the
// time until then, and after signing in the time until the dashboard's chart is drawn. Prints
// and writes target/bench/first-load.json; never fails on a time.
import { expect, test } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');

const PROFILES = [
  { name: 'loopback', network: null },
  {
    name: 'fast-3g',
    network: { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 },
  },
] as const;

const results: Record<string, unknown>[] = [];

for (const profile of PROFILES) {
  test(`first load on ${profile.name}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, hasTouch: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    if (profile.network) await cdp.send('Network.emulateNetworkConditions', profile.network);
    const bytes: Record<string, number> = {};
    const urls: Record<string, string> = {};
    cdp.on('Network.requestWillBeSent', (event) => { urls[event.requestId] = event.request.url; });
    // Bytes still on their way count too (the module keeps arriving after the form is usable):
    // what arrived so far, then each response's full size once it is complete.
    cdp.on('Network.dataReceived', (event) => {
      bytes[event.requestId] = (bytes[event.requestId] ?? 0) + event.encodedDataLength;
    });
    cdp.on('Network.loadingFinished', (event) => { bytes[event.requestId] = event.encodedDataLength; });
    const total = () => Object.values(bytes).reduce((sum, n) => sum + n, 0);

    const started = Date.now();
    await page.goto('/login', { waitUntil: 'commit' });
    // Usable: the user name field shown and editable, and the submit button enabled. Checked
    // every 20 ms (an expectation's own retries back off to a second and would blur the time).
    await page.waitForFunction(
      () => {
        const field = document.querySelector<HTMLInputElement>('#username');
        const submit = document.querySelector<HTMLButtonElement>('form button[type=submit]');
        return !!field && !field.disabled && !field.readOnly && field.offsetParent !== null
          && !!submit && !submit.disabled;
      },
      undefined,
      { polling: 20, timeout: 120_000 },
    );
    const loginMs = Date.now() - started;
    const loginBytes = total();
    const loginFiles = Object.keys(bytes).map((id) => urls[id]?.replace(/^https?:\/\/[^/]+/, ''));

    await page.locator('#username').fill('admin');
    await page.locator('#password').fill('angkor-wat-sunrise-2026');
    const signedIn = Date.now();
    await page.locator('form button[type=submit]').click();
    await expect(page.locator('.chart canvas').first()).toBeVisible({ timeout: 120_000 });
    const dashboardMs = Date.now() - signedIn;
    const dashboardBytes = total() - loginBytes;

    const result = {
      profile: profile.name,
      login_usable_ms: loginMs,
      login_bytes: loginBytes,
      login_files: loginFiles,
      dashboard_chart_ms: dashboardMs,
      dashboard_bytes: dashboardBytes,
    };
    results.push(result);
    console.log(`RESULT ${JSON.stringify(result)}`);
    await context.close();
  });
}

test.afterAll(() => {
  const file = path.join(root, 'target', 'bench', 'first-load.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(results, null, 2));
});
