import type { Browser } from 'playwright-core';
import { frenchPage, launchChromium, seriousAccessibilityViolations, signInAsDemo } from '../src/browser';
import { startDemoHub } from '../src/demo-hub';
import type { Hub } from '../src/harness';

/*
 * A platform manager on the demo site: signs in for their platform, corrects a service's yearly volume on
 * the sheet, and sees the single tariff and the change log follow, as the graph then answers them.
 */
describe('the platform sheet in a browser', () => {
  let hub: Hub & { siteUrl: string };
  let browser: Browser;
  const code = 'ANALYSE-NANCY';

  beforeAll(async () => {
    [hub, browser] = await Promise.all([startDemoHub(), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('corrects a service volume and sees the tariff and the history change', async () => {
    const { page, outside } = await frenchPage(browser);
    await signInAsDemo(page, hub.siteUrl, /Personnel de plateforme/, code);
    expect(new URL(page.url()).pathname).toBe(`/espace/plateformes/${code}`);
    await page.getByRole('heading', { name: /À compléter ou corriger/ }).waitFor();
    const service = (await page.locator('tr[data-service]').first().getAttribute('data-service'))!;
    const tariff = page.getByTestId(`tariff-${service}-INTERNAL`);
    const tariffBefore = (await tariff.textContent())!;
    const volumeBefore = (await page.getByTestId(`volume-${service}`).textContent())!;
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByText('Corriger les volumes et les heures des services').click();
    const form = page
      .locator('form')
      .filter({ has: page.getByRole('button', { name: 'Enregistrer', exact: true }) })
      .first();
    const volume = form.getByLabel('Volume annuel');
    const old = Number(await volume.inputValue());
    const corrected = old * 2;
    await volume.fill(String(corrected));
    await form.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Enregistré/ })
      .waitFor();

    // The sheet is read again: the volume, the tariff (twice the volume, a lower price) and the log.
    await page.waitForFunction(
      ([id, before]) => document.querySelector(`[data-testid="volume-${id}"]`)?.textContent !== before,
      [service, volumeBefore] as const,
    );
    await page.waitForFunction(
      ([id, before]) =>
        document.querySelector(`[data-testid="tariff-${id}-INTERNAL"]`)?.textContent !== before,
      [service, tariffBefore] as const,
    );
    const euros = (text: string) =>
      Number(
        text
          .replace(/[^\d,]/g, '')
          .split(',')
          .slice(0, 2)
          .join('.'),
      );
    expect(euros((await tariff.textContent())!)).toBeLessThan(euros(tariffBefore));
    const log = page.getByRole('table', { name: 'Historique des modifications' });
    const entry = log.getByRole('row').filter({ hasText: 'volume annuel' }).first();
    await entry.waitFor();
    const cells = (await entry.getByRole('cell').allTextContents()).map((t) => t.replace(/\s/g, ''));
    expect(cells).toEqual(expect.arrayContaining([String(old), String(corrected), 'demo-platform']));

    // What the graph says now.
    const { data } = await hub.query(
      `{ platform(code: "${code}") { changes(first: 1) { nodes { author changes { field before after } } } } }`,
      {
        token: await (
          await fetch(`${hub.siteUrl}demo/token`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ role: 'central' }),
          }).then((r) => r.json())
        ).token,
      },
    );
    const last = data?.platform.changes.nodes[0];
    expect(last.changes).toContainEqual({
      field: `services.${service}.yearlyVolume`,
      before: String(old),
      after: String(corrected),
    });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(outside).toEqual([]);
  }, 150_000);
});
