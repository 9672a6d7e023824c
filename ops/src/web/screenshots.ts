import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, signInAsDemo } from './browser';
import { startDemoSite } from './demo-site';

/*
 * `pnpm hub screenshots`: each page of the interface on the demo site, as a person sees it (1280 px wide, the
 * top of the page), written to docs/screenshots for the README.
 */

interface Shot {
  file: string;
  /** Signed in as this demo role first (the button on the sign-in page), or a visitor. */
  role?: RegExp;
  platform?: string;
  path: string;
  /** What must be on the page before it is taken (its data arrived). */
  ready: (page: Page) => Promise<unknown>;
}

const SHOTS: Shot[] = [
  {
    file: 'catalogue.png',
    path: '?instrument=diffractom%C3%A8tre',
    ready: (page) => page.locator('.platform-list li').first().waitFor(),
  },
  {
    file: 'platform.png',
    path: 'plateformes/ANALYSE-NANCY',
    ready: (page) => page.getByRole('table', { name: 'Prix par catégorie d’utilisateur' }).waitFor(),
  },
  {
    file: 'sign-in.png',
    path: 'connexion',
    ready: (page) => page.locator('option').first().waitFor({ state: 'attached' }),
  },
  {
    file: 'platform-sheet.png',
    role: /Personnel de plateforme/,
    platform: 'ANALYSE-NANCY',
    path: 'espace/plateformes/ANALYSE-NANCY',
    ready: (page) => page.getByRole('heading', { name: /À compléter ou corriger/ }).waitFor(),
  },
  {
    file: 'inventory-review.png',
    role: /Services centraux/,
    path: 'espace/inventaire',
    ready: (page) => page.locator('.review-list > li').first().waitFor(),
  },
  {
    file: 'dashboard.png',
    role: /Comité de pilotage/,
    path: 'espace/pilotage',
    ready: async (page) => {
      await page.waitForFunction(
        () => {
          const cards = [...document.querySelectorAll('.card .value')].map((e) => e.textContent ?? '…');
          return cards.length > 0 && cards.every((text) => !text.includes('…'));
        },
        null,
        { timeout: 60_000 },
      );
      await page.locator('.chart svg rect, .chart svg path').nth(20).waitFor({ timeout: 30_000 });
    },
  },
];

export async function takeScreenshots(options: {
  dataDir: string;
  out: string;
  log: (line: string) => void;
}) {
  mkdirSync(options.out, { recursive: true });
  const site = await startDemoSite({ dataDir: options.dataDir, scale: 1 });
  const browser = await launchChromium();
  try {
    for (const shot of SHOTS) {
      const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 1100 } });
      const page = await context.newPage();
      if (shot.role) await signInAsDemo(page, site.siteUrl, shot.role, shot.platform);
      await page.goto(`${site.siteUrl}${shot.path}`);
      await shot.ready(page);
      await page.evaluate(() => document.fonts.ready);
      const file = path.join(options.out, shot.file);
      await page.screenshot({ path: file });
      options.log(`  ${file}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
}
