// Third-party access: the factory grants and revokes a buyer's access, the buyer reads a
// report only from its third-party date, the factory sees the view in its ledger, and an
// administrator records a paid subscription.
import { expect, Page, test } from '@playwright/test';
import {
  chooseLanguage, LANGS, logIn, resetServerClock, screenshot, setServerClock, switchUser, t,
} from './fixtures/app';

const BUYER = 'Northwind Apparel (demo buyer)';
const FACTORY = 'Injae Garment Co. Ltd.';

/** The demo factory's latest published report and its third-party date, as the factory reads them. */
async function latestReport(page: Page): Promise<{ id: number; visibleFrom: number }> {
  const me = await (await page.request.get('/api/auth/me')).json();
  const history = await (await page.request.get(`/api/factories/${me.factory_id}/reports`)).json();
  const id = history[history.length - 1].visit_id as number;
  const report = await (await page.request.get(`/api/reports/${id}`)).json();
  return { id, visibleFrom: report.third_party_visible_from as number };
}

test.afterEach(async ({ page }) => {
  await resetServerClock(page);
});

test('a factory grants a buyer access, who reads the report only from its third-party date', async ({ page }, info) => {
  await logIn(page, 'factory');
  const report = await latestReport(page);

  // The demo buyer holds a grant and a paid subscription.
  await page.getByRole('link', { name: t('en', 'nav.report_access') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'access.title'));
  const grants = page.getByTestId('grant-table');
  await expect(grants.getByRole('row', { name: new RegExp(BUYER.replace(/[()]/g, '\\$&')) })).toContainText(
    t('en', 'access.status_active'),
  );

  // Revoked: the buyer no longer lists the factory.
  await page.getByRole('button', { name: t('en', 'access.revoke_label', { organisation: BUYER }) }).click();
  await expect(page.getByRole('status')).toHaveText(t('en', 'access.revoked_notice', { organisation: BUYER }));
  await expect(grants).toContainText(t('en', 'access.status_revoked'));
  await switchUser(page, 'buyer');
  await page.getByRole('link', { name: t('en', 'nav.suppliers') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'suppliers.title'));
  await expect(page.getByTestId('supplier').first()).toBeVisible();
  await expect(page.getByTestId('supplier').filter({ hasText: FACTORY })).toHaveCount(0);

  // Granted again through the form; choosing nothing is refused first.
  await switchUser(page, 'factory');
  await page.goto('/access');
  await page.getByRole('button', { name: t('en', 'access.grant') }).click();
  await expect(page.getByText(t('en', 'validation.required'))).toBeVisible();
  await page.getByLabel(t('en', 'access.organisation')).selectOption({ label: `${BUYER} (${t('en', 'organisation_kind.buyer')})` });
  await page.getByRole('button', { name: t('en', 'access.grant') }).click();
  await expect(page.getByRole('status')).toHaveText(t('en', 'access.granted_notice', { organisation: BUYER }));
  await expect(grants).toContainText(t('en', 'access.status_active'));

  // A day before the report's third-party date the buyer cannot open it.
  await setServerClock(page, report.visibleFrom - 86_400);
  await switchUser(page, 'buyer');
  await page.goto('/suppliers');
  const card = page.getByTestId('supplier').filter({ hasText: FACTORY });
  await expect(card).toBeVisible();
  await expect(card.locator(`a[href="/reports/${report.id}"]`)).toHaveCount(0);
  await page.goto(`/reports/${report.id}`);
  await expect(page.getByRole('alert')).toHaveText(new RegExp(t('en', 'error.not_found')));

  // An hour after it, the buyer reads it.
  await setServerClock(page, report.visibleFrom + 3_600);
  // Sessions last 12 hours of server time: the day the clock moved ended the last one.
  await switchUser(page, 'buyer');
  await page.goto('/suppliers');
  await card.locator(`a[href="/reports/${report.id}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/reports/${report.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(FACTORY);
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await page.goto('/suppliers');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'suppliers.title'));
    await screenshot(page, `suppliers-${lang}`, info.project.name);
  }
  await chooseLanguage(page, 'en');

  // The factory's ledger shows the buyer's view.
  await switchUser(page, 'factory');
  await page.goto('/access');
  const ledger = page.getByTestId('access-ledger');
  await expect(ledger.getByRole('row').filter({ hasText: BUYER }).first()).toBeVisible();
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'access.title'));
    await screenshot(page, `report-access-${lang}`, info.project.name);
  }
  await chooseLanguage(page, 'en');
});

test('an administrator records a subscription at the default fee and marks it paid', async ({ page }, info) => {
  await logIn(page, 'admin');
  await page.getByRole('link', { name: t('en', 'nav.subscriptions') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'subscriptions.title'));
  await expect(page.getByLabel(t('en', 'subscriptions.fee'))).toHaveValue('750.00');

  await page.getByLabel(t('en', 'access.organisation')).selectOption({ label: BUYER });
  await page.getByLabel(t('en', 'subscriptions.factory')).selectOption({ label: 'Yorks (Cambodia) Co. Ltd' });
  await page.getByLabel(t('en', 'subscriptions.starts_on')).fill('2030-03-01');
  await page.getByLabel(t('en', 'subscriptions.ends_on')).fill('2030-02-28');
  await page.getByRole('button', { name: t('en', 'subscriptions.add') }).click();
  // Refused field by field; what was typed stays.
  await expect(page.getByText(t('en', 'validation.end_before_start'))).toBeVisible();
  await expect(page.getByLabel(t('en', 'subscriptions.starts_on'))).toHaveValue('2030-03-01');

  await page.getByLabel(t('en', 'subscriptions.ends_on')).fill('2031-02-28');
  await page.getByRole('button', { name: t('en', 'subscriptions.add') }).click();
  await expect(page.getByRole('status')).toHaveText(
    t('en', 'subscriptions.added', { organisation: BUYER, factory: 'Yorks (Cambodia) Co. Ltd' }),
  );
  const row = page.getByTestId('subscription-table').getByRole('row', { name: /Yorks/ }).filter({ hasText: '2030-03-01' });
  await expect(row).toContainText('750.00');
  await expect(row).toContainText(t('en', 'subscriptions.unpaid'));
  await row.getByRole('button', { name: t('en', 'subscriptions.mark_paid_label', { organisation: BUYER, factory: 'Yorks (Cambodia) Co. Ltd' }) }).click();
  await expect(row).toContainText(t('en', 'subscriptions.outside_dates'));

  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'subscriptions.title'));
    await screenshot(page, `subscriptions-${lang}`, info.project.name);
  }
});
