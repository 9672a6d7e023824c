import type { Browser } from 'playwright-core';
import { frenchPage, launchChromium, seriousAccessibilityViolations, signInAsDemo } from '../src/browser';
import { startDemoHub } from '../src/demo-hub';
import type { Hub } from '../src/harness';

/*
 * A central-services user on the demo site: signs in (demo page), opens the review queue, reads two
 * tutelles' records side by side with the evidence of each field, merges them in one click, and sees the
 * site's instrument count drop by one, as the graph then counts it.
 */
describe('the inventory review in a browser', () => {
  let hub: Hub & { siteUrl: string };
  let browser: Browser;

  beforeAll(async () => {
    [hub, browser] = await Promise.all([startDemoHub(), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  const siteCount = async () => {
    const { data } = await hub.query('{ siteInventoryTotals { equipmentCount } }');
    return data?.siteInventoryTotals[0].equipmentCount as number;
  };
  const number = (n: number) => new Intl.NumberFormat('fr-FR').format(n).replace(/\s/g, ' ');

  it('merges two records from the review queue and the site total follows', async () => {
    const before = await siteCount();
    const { page, outside } = await frenchPage(browser);
    await page.goto(`${hub.siteUrl}connexion`);
    await page.getByRole('note').getByText('Démonstration.').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await signInAsDemo(page, hub.siteUrl, /Services centraux/);
    expect(new URL(page.url()).pathname).toBe('/espace/inventaire');
    const count = page.getByTestId('site-count');
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid=site-count]')?.textContent?.replace(/\s/g, ' ') === n,
      number(before),
    );

    const item = page
      .locator('.review-list > li')
      // A candidate that can be merged as it is (no tutelle on both sides).
      .filter({ has: page.getByRole('button', { name: 'Fusionner en un instrument', disabled: false }) })
      .first();
    await item.waitFor();
    // Each candidate's records side by side, and the evidence field by field.
    expect(await item.locator('.record').count()).toBeGreaterThanOrEqual(2);
    await item
      .getByRole('table', { name: /Éléments de preuve/ })
      .getByText('Numéro de série')
      .waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await item.getByRole('button', { name: 'Fusionner en un instrument' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Fusionné/ })
      .waitFor();
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid=site-count]')?.textContent?.replace(/\s/g, ' ') === n,
      number(before - 1),
    );
    expect(await siteCount()).toBe(before - 1);
    expect(((await count.textContent()) ?? '').replace(/\s/g, ' ')).toBe(number(before - 1));
    expect(outside).toEqual([]);
  }, 120_000);
});
