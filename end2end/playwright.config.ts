// End-to-end tests in Debian's headless Chromium (never a downloaded browser), against the
// real backend serving the release build, with a fresh SQLite database each run.
import { defineConfig } from '@playwright/test';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const port = Number(process.env.E2E_PORT ?? 8091);
const runDir = path.join(root, 'target', 'e2e');

export default defineConfig({
  testDir: './tests',
  outputDir: path.join(runDir, 'results'),
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // Tests that intercept requests need them to come from the page; the offline spec allows
    // the app's service worker.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'desktop', use: { viewport: { width: 1366, height: 768 } } },
    { name: 'tablet', use: { viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: false } },
  ],
  webServer: {
    command: `rm -rf "${runDir}/db" "${runDir}/site" && mkdir -p "${runDir}/db" && "${path.join(root, 'target', 'debug', 'ims')}"`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    env: {
      IMS_DATABASE_URL: `sqlite://${runDir}/db/e2e.db`,
      IMS_BIND: `127.0.0.1:${port}`,
      IMS_STATIC_DIR: path.join(root, 'dist'),
      IMS_LOG: 'warn',
      // Lets a test move the server's clock (third-party dates, objection deadlines).
      IMS_TEST_CLOCK: 'true',
      // The public site the administrators' button writes; a spec serves it on the next port.
      IMS_SITE_DIR: path.join(runDir, 'site'),
      IMS_SITE_URL: `http://127.0.0.1:${port + 1}`,
      // Reports of non-cooperation are emailed to the Ministry of Labour (held in the outbox:
      // no mail server); the Ministry of Commerce has no address, so its letter is handed over.
      IMS_MINISTRY_LABOUR_EMAIL: 'inspection@mlvt.example.gov.kh',
    },
  },
});
