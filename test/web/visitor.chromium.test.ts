import type { Browser } from 'playwright-core';
import { frenchPage, launchChromium, seriousAccessibilityViolations } from '../src/browser';
import { startDemoHub } from '../src/demo-hub';
import type { Hub } from '../src/harness';

/*
 * A visitor, no sign-in, on the demo site: finds the platforms that have a diffractometer, opens one, and
 * reads its prices, the ones the graph computes as the single tariff. The platform's address works on its own
 * (shared, bookmarked), nothing comes from outside, and axe finds nothing serious.
 */
describe('the public catalogue in a browser', () => {
  let hub: Hub & { siteUrl: string };
  let browser: Browser;

  beforeAll(async () => {
    [hub, browser] = await Promise.all([startDemoHub(), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('finds a platform by an instrument kind and shows its single-tariff prices', async () => {
    const { page, outside } = await frenchPage(browser);
    await page.goto(hub.siteUrl);
    await page.getByRole('heading', { name: 'Catalogue des plateformes' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Type d’instrument').fill('diffractomètre');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/instrument=diffractom/);
    const results = page.locator('.platform-list li');
    await results
      .filter({ hasText: /instruments? « diffractomètre »/ })
      .first()
      .waitFor();
    const count = await results.count();
    // The platforms with a diffractometer, and only those: the graph's own count by platform.
    const { data } = await hub.query(
      '{ siteInventoryTotals(filter: { search: "diffractomètre" }, groupBy: PLATFORM) { key } }',
    );
    const withOne = (data!.siteInventoryTotals as { key: string | null }[]).filter((t) => t.key);
    expect(count).toBe(withOne.length);
    expect(count).toBeGreaterThan(0);

    const first = results.first().getByRole('link');
    const name = (await first.textContent())!;
    await first.click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    const code = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

    // The prices shown are the graph's single tariff for last year, per user category, in euros HT.
    const year = new Date().getUTCFullYear() - 1;
    const answer = await hub.query(
      `query ($code: ID!, $year: Int!) { platform(code: $code) { services { code name }
         tariffs(year: $year) { services { code prices { category priceHT { amount } } } } } }`,
      { variables: { code, year } },
    );
    const platform = answer.data?.platform;
    const priced = platform.tariffs.services.find((s: any) => s.prices.length === 3);
    expect(priced).toBeDefined();
    const service = platform.services.find((s: any) => s.code === priced.code);
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: service.name }) });
    const internal = priced.prices.find((p: any) => p.category === 'INTERNAL').priceHT.amount as number;
    const shown = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(internal);
    expect(((await row.textContent()) ?? '').replace(/\s/g, ' ')).toContain(
      `${shown} HT`.replace(/\s/g, ' '),
    );
    await expect(page.getByRole('columnheader', { name: 'Académique interne' }).count()).resolves.toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The address on its own, as someone it was sent to opens it.
    const fresh = await frenchPage(browser);
    await fresh.page.goto(page.url());
    await fresh.page.getByRole('heading', { level: 1, name }).waitFor();
    expect(outside).toEqual([]);
    expect(fresh.outside).toEqual([]);
  }, 120_000);
});
