// A factory's public response: its manager answers a finding that the public site discloses,
// on the report page; once the site is written, the factory's page shows the response beside
// the finding, labelled as the factory's own statement that the programme has not verified.
import * as path from 'path';
import { expect, Page, test } from '@playwright/test';
import { chooseLanguage, logIn, SCREENSHOT_DIR, switchUser, t, publishSite } from './fixtures/app';

const root = path.resolve(__dirname, '../..');
const STATEMENT = 'Fixed in March: the new rule and the records are kept at the HR office for the next visit.';

/** The factory's latest assessment with a finding the public site shows. */
async function reportWithDisclosedFinding(page: Page): Promise<{ factoryId: number; reportId: number }> {
  const me = await (await page.request.get('/api/auth/me')).json();
  const history: { visit_id: number }[] = await (await page.request.get(`/api/factories/${me.factory_id}/reports`)).json();
  for (const entry of [...history].reverse()) {
    const response = await page.request.get(`/api/reports/${entry.visit_id}/public-responses`);
    if (response.ok() && (await response.json()).findings.length > 0) {
      return { factoryId: me.factory_id as number, reportId: entry.visit_id };
    }
  }
  throw new Error('the demo factory has no disclosed finding');
}

test('a factory answers a disclosed finding and the public site shows it as its own statement', async ({ page }, info) => {
  test.setTimeout(120_000);
  await logIn(page, 'factory');
  const { factoryId, reportId } = await reportWithDisclosedFinding(page);
  await page.goto(`/reports/${reportId}`);
  const section = page.getByTestId('public-responses');
  await expect(section.getByRole('heading', { name: t('en', 'responses.title') })).toBeVisible();
  const finding = section.getByTestId('disclosed-finding').first();

  // An empty response is refused on the page; then the response is published (or replaces
  // the one an earlier run left: the runs at each screen size share the server).
  const send = finding.getByTestId('public-response-form').locator('button[type=submit]');
  await send.click();
  await expect(finding.getByText(t('en', 'validation.required'))).toBeVisible();
  await finding.getByLabel(t('en', 'responses.statement', { count: '500' })).fill(STATEMENT);
  await send.click();
  await expect(finding.getByTestId('public-response')).toHaveText(STATEMENT);
  await expect(finding.getByTestId('public-response-status')).toHaveText(t('en', 'responses.unverified'));
  for (const lang of ['en', 'km', 'zh'] as const) {
    await chooseLanguage(page, lang);
    await expect(section.getByRole('heading', { name: t(lang, 'responses.title') })).toBeVisible();
    await expect(finding.getByTestId('public-response-status')).toHaveText(t(lang, 'responses.unverified'));
    await section.screenshot({ path: path.join(SCREENSHOT_DIR, `${info.project.name}-public-response-${lang}.png`) });
  }
  await chooseLanguage(page, 'en');

  // An administrator writes the site; the factory's page shows the response beside the finding.
  await switchUser(page, 'admin');
  await page.goto('/public-site');
  await publishSite(page);
  for (const lang of ['en', 'km', 'zh'] as const) {
    await page.goto(`file://${path.join(root, 'target', 'e2e', 'site', lang, 'factories', `${factoryId}.html`)}`);
    const response = page.getByTestId('response').filter({ hasText: STATEMENT });
    await expect(response).toBeVisible();
    await expect(response.getByTestId('response-status')).toHaveText(t(lang, 'site.response.unverified'));
    const link = page.locator(`a.response-link[href="#response-${await response.getAttribute('id').then((id) => id?.replace('response-', ''))}"]`);
    await expect(link.first()).toBeVisible();
    await response.screenshot({ path: path.join(SCREENSHOT_DIR, `${info.project.name}-site-response-${lang}.png`) });
  }
});
