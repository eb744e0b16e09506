// The public transparency site: an administrator writes it from the extranet; a separate server
// with no database serves the folder; the public reads it in three languages without a single
// request to the extranet's API: a factory page, the low-compliance list, a synthesis edition
// issued from the extranet, a withheld small group, and an open-data CSV equal to the table on
// its page.
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { expect, Page, test } from '@playwright/test';
import { LANGS, logIn, screenshot, t, publishSite } from './fixtures/app';

const apiPort = Number(process.env.E2E_PORT ?? 8091);
const sitePort = apiPort + 1;
const site = `http://127.0.0.1:${sitePort}`;
const api = `http://127.0.0.1:${apiPort}`;
const root = path.resolve(__dirname, '../..');

let server: ChildProcess | undefined;

/** Starts `ims-site-server` on the written folder, with no database setting in its environment. */
async function startSiteServer(): Promise<void> {
  const env = { ...process.env };
  delete env.IMS_DATABASE_URL;
  server = spawn(path.join(root, 'target', 'debug', 'ims-site-server'), [
    '--dir', path.join(root, 'target', 'e2e', 'site'),
    '--bind', `127.0.0.1:${sitePort}`,
  ], { env, stdio: 'ignore' });
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(`${site}/en/index.html`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the site server did not start');
}

test.afterAll(() => {
  server?.kill();
});

/** RFC 4180 CSV (quoted fields, doubled quotes), without the byte-order mark. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r') continue;
    else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
    else cell += c;
  }
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows;
}

async function tableCells(page: Page, testid: string): Promise<string[][]> {
  return page.getByTestId(testid).locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll('td')).map((cell) => (cell.textContent ?? '').trim())),
  );
}

test('the public site is written by an administrator and read without the extranet', async ({ page }, info) => {
  test.setTimeout(180_000);
  const shot = (name: string) => screenshot(page, `public-site-${name}`, info.project.name);

  // An administrator issues the edition of a past quarter from its synthesis report...
  await logIn(page, 'admin');
  await page.goto('/analytics/synthesis');
  const period = page.getByLabel(t('en', 'synthesis.period'));
  await expect(page.getByTestId('synthesis-report')).toBeVisible();
  const quarters = await period.locator('option').evaluateAll((options) =>
    options.map((option) => (option as HTMLOptionElement).value).filter((value) => /-Q\d$/.test(value)));
  // The newest quarter with figures may still be running; an earlier one has ended. The runs
  // at each screen size share the server, so take one that no run has issued yet.
  const issued: { period: string }[] = await (await page.request.get('/api/synthesis-editions')).json();
  const quarter = quarters.slice(1).find((period) => !issued.some((edition) => edition.period === period))!;
  await period.selectOption(quarter);
  await expect(page.getByTestId('synthesis-live')).toContainText(t('en', 'synthesis.live'));
  await page.getByTestId('issue-edition').click();
  await page.getByTestId('confirm-issue-edition').click();
  await expect(page.getByTestId('synthesis-issued')).toBeVisible();
  await shot('issued-en');

  // ...and writes the site from the extranet.
  await page.getByRole('navigation').getByRole('link', { name: t('en', 'nav.public_site'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'public_site.title'));
  await publishSite(page);
  await expect(page.getByTestId('public-site-url')).toHaveText(site);
  await shot('admin-en');

  // A separate server serves the folder; from here on nothing may reach the API.
  await startSiteServer();
  const apiRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(api)) apiRequests.push(request.url());
  });
  await page.context().route(`${api}/**`, (route) => route.abort());

  // The home page and a named factory, in three languages.
  await page.goto(`${site}/`);
  await page.getByRole('link', { name: /English/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'site.home.title'));
  await page.getByRole('link', { name: t('en', 'site.nav.factories'), exact: true }).click();
  const factories = page.getByTestId('factory-table');
  await expect(factories.locator('tbody tr').first()).toBeVisible();
  await factories.locator('tbody tr a').first().click();
  await expect(page.getByTestId('critical-table').locator('tbody tr')).toHaveCount(21);
  await expect(page.getByTestId('fingerprint')).toHaveText(/^[0-9a-f]{64}$/);
  for (const lang of LANGS) {
    await page.locator('.languages').getByRole('link', { name: { en: 'English', km: 'ខ្មែរ', zh: '中文' }[lang], exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    await expect(page.getByTestId('critical-table')).toContainText(t(lang, 'critical.1'));
    await shot(`factory-${lang}`);
  }

  // The low-compliance list states its method and figures.
  await page.goto(`${site}/zh/low-compliance.html`);
  await expect(page.getByTestId('method')).toContainText(t('zh', 'site.low.method_title'));
  await expect(page.getByTestId('industry-line')).toBeVisible();
  await shot('low-compliance-zh');
  await page.goto(`${site}/km/low-compliance.html`);
  await shot('low-compliance-km');

  // The annual cycle report of the latest full year, with its critical issues.
  await page.goto(`${site}/km/cycles/index.html`);
  await page.getByTestId('cycles-table').locator('tbody tr a').last().click();
  await expect(page.getByTestId('cycle-critical-table').locator('tbody tr')).toHaveCount(21);
  await shot('cycle-km');

  // A province with fewer than five factories is withheld.
  await page.goto(`${site}/en/provinces.html`);
  const withheld = page.getByTestId('provinces-table').locator('td[data-withheld="true"]');
  await expect(withheld.first()).toHaveText(t('en', 'site.withheld'));
  await shot('provinces-en');

  // The issued edition, with its charts and fingerprint, in three languages.
  await page.goto(`${site}/en/editions/index.html`);
  await page.getByTestId('editions-table').getByRole('link').first().waitFor();
  for (const lang of LANGS) {
    await page.goto(`${site}/${lang}/editions/${quarter}.html`);
    await expect(page.getByTestId('edition-sha256')).toHaveText(/^[0-9a-f]{64}$/);
    await expect(page.getByTestId('edition-figures')).toBeVisible();
    expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(5);
    await expect(page.getByTestId('edition-clusters-table').locator('tbody tr').first()).toBeVisible();
    await expect(page.getByTestId('edition-critical-table').locator('tbody tr').first()).toBeVisible();
    await shot(`edition-${lang}`);
  }

  // The open-data CSV is the table on its page, cell by cell.
  await page.goto(`${site}/en/factories/index.html`);
  const onPage = await tableCells(page, 'factory-table');
  const csv = parseCsv(await (await fetch(`${site}/data/factories.csv`)).text());
  expect(csv[0][0]).toBe('factory_id');
  expect(csv.slice(1)).toEqual(onPage);
  expect(onPage.length).toBeGreaterThan(5);

  // Nothing of all this asked the extranet's API.
  expect(apiRequests).toEqual([]);
  await page.context().unroute(`${api}/**`);
});
