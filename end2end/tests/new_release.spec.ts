// A new release replaces the cached one: a tablet that opened the app keeps running the version
// it has until the new one is installed, the app says a new version is ready, and a reload
// switches to it (the page then comes from the new release, even though it is served by the
// service worker's cache).
//
// The release is made here by changing the built app in dist/ as a build would (index.html,
// the service worker's list of files, and their compressed copies); the files are put back
// afterwards.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { logIn, t } from './fixtures/app';

test.use({ serviceWorkers: 'allow' });

const root = path.resolve(__dirname, '../..');
const dist = path.join(root, 'dist');
const RELEASED = ['index.html', 'sw.js'].flatMap((name) => [name, `${name}.br`, `${name}.gz`]);

function writeCompressed(name: string): void {
  const body = fs.readFileSync(path.join(dist, name));
  fs.writeFileSync(path.join(dist, `${name}.br`), zlib.brotliCompressSync(body));
  fs.writeFileSync(path.join(dist, `${name}.gz`), zlib.gzipSync(body));
}

test('a new release replaces the cached one once the user reloads', async ({ page }) => {
  test.setTimeout(120_000);
  const kept = new Map(RELEASED.map((name) => [name, fs.readFileSync(path.join(dist, name))]));
  try {
    await logIn(page, 'monitor');
    await page.waitForFunction(async () => {
      await navigator.serviceWorker.ready;
      return navigator.serviceWorker.controller !== null;
    });
    await expect(page.locator('meta[name="ims-release"]')).toHaveCount(0);

    // The release: a changed page, and the service worker listing it with its new revision.
    const release = `e2e-${Date.now()}`;
    const index = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    fs.writeFileSync(
      path.join(dist, 'index.html'),
      index.replace('<head>', `<head><meta name="ims-release" content="${release}">`),
    );
    execFileSync('node', ['scripts/build-service-worker.mjs'], { cwd: root });
    writeCompressed('index.html');
    writeCompressed('sw.js');

    // The tablet looks for updates (browsers do on navigation and periodically).
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    const banner = page.getByTestId('update-ready');
    await expect(banner).toContainText(t('en', 'app.update_ready'));
    // Until the user reloads, the running version stays.
    await expect(page.locator('meta[name="ims-release"]')).toHaveCount(0);

    await banner.getByRole('button', { name: t('en', 'app.update_reload') }).click();
    await expect(page.locator('meta[name="ims-release"]')).toHaveAttribute('content', release);
    await expect(page.getByTestId('update-ready')).toHaveCount(0);
    // The new version is the one in charge, and the app still works.
    await page.goto('/visits');
    await expect(page.getByRole('link', { name: t('en', 'visits.new') })).toBeVisible();
    await expect(page.locator('meta[name="ims-release"]')).toHaveAttribute('content', release);
  } finally {
    for (const [name, body] of kept) fs.writeFileSync(path.join(dist, name), body);
  }
});
