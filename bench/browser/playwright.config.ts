// Browser benchmarks (not tests): they measure and print, and never fail on a time.
// Run with `make bench-capture`; results go to target/bench/.
import { defineConfig } from '@playwright/test';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');
const port = Number(process.env.BENCH_PORT ?? 8094);
const runDir = path.join(root, 'target', 'bench');

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.bench.ts',
  outputDir: path.join(runDir, 'results'),
  timeout: 300_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 768, height: 1024 },
    hasTouch: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: `rm -rf "${runDir}/db" && mkdir -p "${runDir}/db" && "${path.join(root, 'target', 'debug', 'ims')}"`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      IMS_DATABASE_URL: `sqlite://${runDir}/db/bench.db`,
      IMS_BIND: `127.0.0.1:${port}`,
      IMS_STATIC_DIR: path.join(root, 'dist'),
      IMS_LOG: 'warn',
    },
  },
});
