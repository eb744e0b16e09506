// A factory manager reads a published report (streamlined and detailed views) in three
// languages, prints it to an A4 PDF in Khmer and follows the factory's progress over time;
// programme staff print every paper copy waiting to be posted in one go.
import { expect, Page, test } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { chooseLanguage, LANGS, logIn, screenshot, t } from './fixtures/app';

const FACTORY = 'Injae Garment Co. Ltd.';
const OUT_DIR = path.resolve(__dirname, '../../target/e2e');

type Visit = { id: number; factory_id: number; factory_name: string; status: string; start_date: string };

/** The reader's published visits, newest first, as the API lists them. */
async function publishedVisits(page: Page): Promise<Visit[]> {
  const response = await page.request.get('/api/visits');
  expect(response.ok()).toBeTruthy();
  const visits = (await response.json()) as Visit[];
  return visits
    .filter((visit) => visit.status === 'published')
    .sort((a, b) => b.start_date.localeCompare(a.start_date) || b.id - a.id);
}

async function getJson(page: Page, url: string) {
  const response = await page.request.get(url);
  expect(response.ok()).toBeTruthy();
  return response.json();
}

/** Prints the current page to an A4 PDF and returns its path and extracted text. */
async function printToPdf(page: Page, name: string): Promise<{ pdf: string; text: string }> {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  await page.emulateMedia({ media: 'print' });
  const pdf = path.join(OUT_DIR, `${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  // The first page as an image, to look at how the charts fit.
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, pdf.replace(/\.pdf$/, '-page1')]);
  return { pdf, text };
}

test('the factory manager reads a report in three languages and prints it in Khmer', async ({ page }, info) => {
  test.setTimeout(120_000);
  const shot = (name: string) => screenshot(page, `report-${name}`, info.project.name);
  await logIn(page, 'factory');
  const [latest] = await publishedVisits(page);
  expect(latest.factory_name).toBe(FACTORY);
  const report = await getJson(page, `/api/reports/${latest.id}`);
  expect(report.findings.length).toBeGreaterThan(0);

  // The list of reports links each published report to its report page.
  await page.goto('/reports');
  await page.locator(`a[href="/reports/${latest.id}"]`).first().click();
  await expect(page).toHaveURL(new RegExp(`/reports/${latest.id}$`));
  await expect(page.getByTestId('report-factory')).toHaveText(FACTORY);
  // The last day to object: 21 working days from publication, as the server computes it
  // from the holiday calendar (unit and integration tests check the arithmetic).
  expect(report.objection_deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByTestId('report-objection-deadline')).toHaveText(report.objection_deadline);
  // The deadline was counted with the calendar of the day of publication; where that calendar
  // had no holidays for a year of the window, the report says which years.
  const uncovered = page.getByTestId('report-deadline-without-holidays');
  if (report.deadline_years_without_holidays.length > 0) {
    await expect(uncovered).toHaveText(
      t('en', 'report.deadline_without_holidays', { years: report.deadline_years_without_holidays.join(', ') }),
    );
  } else {
    await expect(uncovered).toHaveCount(0);
  }

  const clusterRows = page.getByTestId('report-clusters-table').locator('tbody tr');
  const narrative = page.getByTestId('report-detailed').getByText(report.findings[0].finding, { exact: true });
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(page.getByText(t(lang, 'report.title'), { exact: true })).toBeVisible();
    // Streamlined view: the chart is drawn and its table has one row per cluster, named in
    // the reader's language.
    const streamlined = page.getByTestId('report-streamlined');
    await expect(streamlined.getByRole('heading', { name: t(lang, 'report.streamlined'), exact: true })).toBeVisible();
    await expect(page.locator('#report-clusters-chart canvas').first()).toBeVisible();
    await expect(clusterRows).toHaveCount(report.clusters.length);
    await expect(clusterRows.first().locator('th')).toHaveText(report.clusters[0].name[lang]);
    await expect(page.getByTestId('report-clusters-table').locator('thead')).toContainText(t(lang, 'report.industry_average'));
    await expect(page.getByTestId('report-clusters-table').locator('thead')).toContainText(t(lang, 'report.industry_at_publication'));
    await expect(streamlined.getByRole('heading', { name: t(lang, 'report.critical_issues') })).toBeVisible();
    await expect(streamlined.getByRole('heading', { name: t(lang, 'report.progress') })).toBeVisible();
    if (report.progress) {
      await expect(page.getByTestId('progress-persistent')).toContainText(t(lang, 'report.persistent'));
    }
    // Detailed view: the narrative is shown as written, in English, with a notice saying so.
    await expect(narrative).toBeVisible();
    await expect(narrative).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('findings-language')).toHaveText(t(lang, 'report.findings_in_english'));
    await expect(page.getByTestId('report-finding').first().locator('.question-text')).toHaveText(
      report.findings[0].question[lang],
    );
    await shot(lang);
  }
  await page.getByTestId('report-clusters-table').scrollIntoViewIfNeeded();
  await screenshot(page, 'report-km-first-screen', info.project.name, false);

  // Printed in Khmer: navigation and buttons are gone, the text is Khmer.
  await chooseLanguage(page, 'km');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.app-header')).toBeHidden();
  await expect(page.getByTestId('print')).toBeHidden();
  await expect(page.getByTestId('report-clusters-table-csv')).toBeHidden();
  const { text } = await printToPdf(page, `report-${info.project.name}-km`);
  expect(text).toContain(FACTORY);
  expect(text).toMatch(/[\u1780-\u17FF]/);
  // Words made of consonants and dependent vowels only survive extraction whole.
  expect(text).toContain('ផ្នែក');
  expect(text.replace(/\s+/g, ' ')).toContain(report.findings[0].finding.split(' ').slice(0, 4).join(' '));
  await chooseLanguage(page, 'en');
});

test('the factory page shows progress over time with a link to each report', async ({ page }, info) => {
  await logIn(page, 'factory');
  const [latest] = await publishedVisits(page);
  const history = await getJson(page, `/api/factories/${latest.factory_id}/reports`);
  expect(history.length).toBeGreaterThan(1);

  await page.getByRole('link', { name: t('en', 'nav.my_factory') }).click();
  const panel = page.getByTestId('report-history');
  await expect(panel.getByRole('heading', { name: t('en', 'report.history_title') })).toBeVisible();
  await expect(page.locator('#report-history-chart canvas').first()).toBeVisible();
  await expect(page.getByTestId('report-history-table').locator('tbody tr')).toHaveCount(history.length);
  await expect(page.getByTestId('history-report-link')).toHaveCount(history.length);
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(panel.getByRole('heading', { name: t(lang, 'report.history_title') })).toBeVisible();
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, `factory-history-${lang}`, info.project.name);
  }
  await chooseLanguage(page, 'en');

  // The first report of the history opens.
  await page.getByTestId('history-report-link').first().click();
  await expect(page).toHaveURL(new RegExp(`/reports/${history[0].visit_id}$`));
  await expect(page.getByTestId('report-factory')).toHaveText(FACTORY);
});

test('staff print every paper copy waiting to be posted', async ({ page }, info) => {
  test.setTimeout(120_000);
  await logIn(page, 'admin');
  const outbox = await getJson(page, '/api/outbox');
  expect(outbox.paper_copies_due.length).toBeGreaterThan(0);
  const due = outbox.paper_copies_due[0];

  // A published visit links to its report.
  await page.goto(`/visits/${due.visit_id}`);
  await page.getByTestId('open-report').click();
  await expect(page).toHaveURL(new RegExp(`/reports/${due.visit_id}$`));
  await expect(page.getByTestId('report-factory')).toHaveText(due.factory_name);

  await page.goto('/outbox');
  await page.getByTestId('print-paper-copies').click();
  await expect(page).toHaveURL(/\/outbox\/paper-copies$/);
  const copies = page.getByTestId('paper-copy');
  await expect(copies).toHaveCount(outbox.paper_copies_due.length);
  await expect(copies.first().getByTestId('report-factory')).toHaveText(due.factory_name);
  await expect(copies.first().locator('.chart canvas').first()).toBeVisible();
  await expect(copies.first()).toContainText(due.address);
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(page.getByRole('heading', { name: t(lang, 'paper_copies.title') })).toBeVisible();
    await screenshot(page, `paper-copies-${lang}`, info.project.name);
  }
  await chooseLanguage(page, 'en');
  const { text } = await printToPdf(page, `paper-copies-${info.project.name}`);
  expect(text).toContain(due.factory_name);
  expect(text).not.toContain(t('en', 'paper_copies.title'));
});
