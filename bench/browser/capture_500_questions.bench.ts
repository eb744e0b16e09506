// How the capture page behaves with 500 questions in one cluster on a tablet-sized screen
// with the CPU slowed four times (a mid-range tablet): time to show the cluster, and time
// from tapping an answer to seeing it selected. The checklist is built from the shipped
// questions, re-coded into one large cluster.
import { expect, test } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');
const QUESTIONS = 500;
const TAPS = 40;

function bigChecklist(): string {
  const text = fs.readFileSync(path.join(root, 'backend/checklists/cambodia_default.csv'), 'utf8');
  const lines = text.trim().split('\n');
  const header = lines[0];
  // Fields are parsed by the csv rules the file uses: quoted fields may contain commas.
  const parse = (line: string): string[] => {
    const out: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') { field += '"'; i++; } else if (c === '"') { quoted = false; } else { field += c; }
      } else if (c === '"') { quoted = true; } else if (c === ',') { out.push(field); field = ''; } else { field += c; }
    }
    out.push(field);
    return out;
  };
  const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
  const rows = lines.slice(1).map(parse).filter((row) => row[10] === 'yes_no');
  const out = [header];
  for (let n = 0; n < QUESTIONS; n++) {
    const source = rows[n % rows.length];
    const point = String(Math.floor(n / 50) + 1).padStart(2, '0');
    const question = String((n % 50) + 1).padStart(2, '0');
    const row = [...source];
    row[0] = 'BIG'; row[1] = 'yes'; row[2] = 'Benchmark cluster'; row[3] = ''; row[4] = '';
    row[5] = `BIG.${point}`; row[6] = `Point ${point}`; row[7] = ''; row[8] = '';
    row[9] = `BIG.${point}.${question}`;
    row[16] = '';
    out.push(row.map(quote).join(','));
  }
  return out.join('\n') + '\n';
}

test('capture of a 500-question cluster on a slowed tablet', async ({ page }) => {
  const file = path.join(root, 'target/bench/checklist-500.csv');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bigChecklist());

  // An administrator imports and publishes the large checklist.
  await page.goto('/login');
  await page.locator('#username').fill('admin');
  await page.locator('#password').fill('angkor-wat-sunrise-2026');
  await page.locator('form button[type=submit]').click();
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto('/checklists');
  await page.locator('#label').fill('Benchmark 500');
  await page.locator('#checklist-file').setInputFiles(file);
  await page.locator('form button[type=submit]').click();
  await page.locator('tr[data-version="Benchmark 500"] button').click();
  await expect(page.locator('tr[data-version="Benchmark 500"] button')).toHaveCount(0);

  // A monitor starts a visit on it.
  await page.context().clearCookies();
  await page.goto('/login');
  await page.locator('#username').fill('monitor');
  await page.locator('#password').fill('angkor-wat-sunrise-2026');
  await page.locator('form button[type=submit]').click();
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto('/visits/new');
  await page.locator('#factory_id').selectOption({ index: 1 });
  await page.locator('form button[type=submit]').click();
  await expect(page.getByTestId('visit-status')).toBeVisible();
  const visitUrl = page.url();

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });

  const results: Record<string, number> = {};
  const loads: number[] = [];
  for (let run = 0; run < 3; run++) {
    const start = Date.now();
    await page.goto(`${visitUrl}/clusters/BIG`);
    await expect(page.locator('li.question')).toHaveCount(QUESTIONS);
    await expect(page.locator('#BIG-10-50 button').first()).toBeAttached();
    loads.push(Date.now() - start);
  }
  results.cluster_open_ms_median = loads.sort((a, b) => a - b)[1];

  // Taps spread over the cluster, measured inside the page from click to the pressed state.
  const latencies: number[] = [];
  for (let n = 0; n < TAPS; n++) {
    const code = `BIG-${String((n % 10) + 1).padStart(2, '0')}-${String(n + 1).padStart(2, '0')}`;
    const button = page.locator(`#${code} button.compliant`);
    await button.scrollIntoViewIfNeeded();
    const latency = await button.evaluate((element) => new Promise<number>((resolve) => {
      const start = performance.now();
      const observer = new MutationObserver(() => {
        if (element.getAttribute('aria-pressed') === 'true') {
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - start));
        }
      });
      observer.observe(element, { attributes: true });
      (element as HTMLButtonElement).click();
    }));
    latencies.push(latency);
  }
  latencies.sort((a, b) => a - b);
  results.tap_to_selected_ms_median = Math.round(latencies[Math.floor(TAPS / 2)]);
  results.tap_to_selected_ms_p95 = Math.round(latencies[Math.floor(TAPS * 0.95) - 1]);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
  results.questions = QUESTIONS;
  results.cpu_slowdown = 4;

  console.log(JSON.stringify(results, null, 2));
  fs.writeFileSync(path.join(root, 'target/bench/capture-500.json'), JSON.stringify(results, null, 2));
});
