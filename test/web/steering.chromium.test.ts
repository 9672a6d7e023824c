import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { frenchPage, launchChromium, seriousAccessibilityViolations, signInAsDemo } from '../src/browser';
import { startDemoHub } from '../src/demo-hub';
import type { Hub } from '../src/harness';

/*
 * A steering committee member on the demo site: opens the dashboard, reads the charts and their tables,
 * changes the year (the address follows), and downloads a table as CSV whose figures are the graph's.
 */
describe('the steering dashboard in a browser', () => {
  let hub: Hub & { siteUrl: string };
  let browser: Browser;

  beforeAll(async () => {
    [hub, browser] = await Promise.all([startDemoHub(), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('changes the year and downloads an export', async () => {
    const { page, outside } = await frenchPage(browser);
    await signInAsDemo(page, hub.siteUrl, /Comité de pilotage/);
    expect(new URL(page.url()).pathname).toBe('/espace/pilotage');
    const latest = new Date().getUTCFullYear() - 1;
    await page.getByRole('heading', { name: `Valeur des équipements par tutelle, fin ${latest}` }).waitFor();
    // Charts drawn by ECharts (SVG), each with its table.
    await page.locator('.chart svg').first().waitFor({ timeout: 30_000 });
    await page
      .getByRole('table', { name: `Valeur par tutelle ${latest}` })
      .getByText('Université de Lorraine')
      .waitFor();
    const valueLatest = await page.getByTestId('total-value').textContent();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const earlier = latest - 4;
    await page.getByRole('combobox', { name: 'Année', exact: true }).selectOption(String(earlier));
    await page.waitForURL(new RegExp(`annee=${earlier}`));
    const table = page.getByRole('table', { name: `Valeur par tutelle ${earlier}` });
    await table.getByText('Université de Lorraine').waitFor();
    // Fewer instruments were in service four years earlier: the site's value is smaller.
    const euros = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));
    expect(euros(await page.getByTestId('total-value').textContent())).toBeLessThan(euros(valueLatest));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Exporter « Valeur par tutelle ${earlier} » en CSV` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`valeur-par-tutelle-${earlier}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe('Tutelle;Instruments;Valeur HT (€)');
    // The file says what the page says: its rows add up to the year's total on the card.
    const csvTotal = lines
      .slice(1)
      .reduce((sum, line) => sum + Number(line.split(';')[2]!.replace(',', '.')), 0);
    expect(Math.round(csvTotal)).toBe(euros(await page.getByTestId('total-value').textContent()));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(outside).toEqual([]);
  }, 150_000);
});
