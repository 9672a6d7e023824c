import type { Browser } from 'playwright-core';
import { frenchPage, launchChromium, seriousAccessibilityViolations, signInAsDemo } from '../src/browser';
import { startDemoHub } from '../src/demo-hub';
import type { Hub } from '../src/harness';

/*
 * A platform manager's sheet when a tutelle's system is down: the page says whose service does not answer
 * and what is missing, shows the rest, and shows withheld salaries as reserved, not as blanks.
 */
describe('the platform sheet with a tutelle down', () => {
  let hub: Hub & { siteUrl: string };
  let browser: Browser;

  beforeAll(async () => {
    [hub, browser] = await Promise.all([startDemoHub(), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('names the missing tutelle and keeps the rest of the sheet', async () => {
    const { data } = await hub.query(
      '{ platforms(first: 5, filter: { tutelle: CHRU }) { nodes { code services { name } } } }',
    );
    const platform = (data!.platforms.nodes as { code: string; services: { name: string }[] }[]).find(
      (p) => p.services.length > 0,
    )!;
    const { page } = await frenchPage(browser);
    await signInAsDemo(page, hub.siteUrl, /Personnel de plateforme/, platform.code);
    await page.getByRole('heading', { name: /À compléter ou corriger/ }).waitFor();
    // Salaries are not the platform role's to read: said so, row by row.
    expect(await page.getByText('salaire : réservé à d’autres rôles').count()).toBeGreaterThan(0);
    expect(await page.getByRole('alert').count()).toBe(0);

    await hub.chru.close();
    await page.reload();
    const alert = page.getByRole('alert');
    await alert
      .getByText(/^Le service du CHRU de Nancy ne répond pas : il manque ici/)
      .first()
      .waitFor({ timeout: 60_000 });
    // The rest is there: the registry's services, the other tutelles' records.
    await page.getByRole('rowheader', { name: platform.services[0]!.name }).first().waitFor();
    const records = page.getByRole('table', { name: /Fiches d’inventaire des tutelles/ });
    expect(await records.getByRole('cell', { name: 'UL', exact: true }).count()).toBeGreaterThan(0);
    expect(await records.getByRole('cell', { name: 'CHRU', exact: true }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }, 150_000);
});
