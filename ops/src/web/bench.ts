import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { startDemoSite } from './demo-site';

/*
 * `pnpm hub web-bench`: the catalogue's and the dashboard's time to first render and to interactive, and the
 * JavaScript they ship, in Debian's Chromium over the built interface, read from the browser's performance
 * timeline. Each run is a new browser context (nothing cached in the browser); the first run of a page at
 * a scale also finds the hub's caches cold. A shared machine is noisy: read the spread, not one figure.
 */

export interface PageRun {
  /** first-contentful-paint, ms from navigation. */
  firstRenderMs: number;
  /** The page's data shown and the main thread quiet (no long task after), ms from navigation. */
  interactiveMs: number;
  /** JavaScript received (gzip bodies) before the first render, and by the time the page is interactive. */
  initialJsGzipKb: number;
  totalJsGzipKb: number;
}

interface BenchedPage {
  name: string;
  path: string;
  role?: 'steering';
  /** In the page: true once its data is shown. */
  ready: string;
}

const PAGES: BenchedPage[] = [
  { name: 'catalogue', path: '', ready: `document.querySelectorAll('.platform-list li').length > 0` },
  {
    name: 'dashboard',
    path: 'espace/pilotage',
    role: 'steering',
    ready: `(() => { const v = [...document.querySelectorAll('.card .value')].map((e) => e.textContent ?? '…');
      return v.length > 0 && v.every((t) => !t.includes('…')) && document.querySelectorAll('.chart svg').length > 5; })()`,
  },
];

/** Long tasks recorded from the start, for the time to interactive. */
const OBSERVE_LONG_TASKS = `window.__longTasksEnd = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries())
    window.__longTasksEnd = Math.max(window.__longTasksEnd, e.startTime + e.duration); })
    .observe({ type: 'longtask', buffered: true });`;

async function demoToken(siteUrl: string, role: string): Promise<string> {
  const response = await fetch(`${siteUrl}demo/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role }),
  });
  return ((await response.json()) as { token: string }).token;
}

async function measure(
  browser: Browser,
  siteUrl: string,
  target: BenchedPage,
  token: string | null,
): Promise<PageRun> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  try {
    const page: Page = await context.newPage();
    await page.addInitScript(OBSERVE_LONG_TASKS);
    if (token) {
      const [, payload] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const session = {
        token,
        roles: claims.roles,
        platforms: [],
        name: claims.sub,
        demo: true,
        expiresAt: claims.exp * 1000,
      };
      await page.addInitScript(
        (value) => sessionStorage.setItem('hub.session', value),
        JSON.stringify(session),
      );
    }
    await page.goto(`${siteUrl}${target.path}`, { waitUntil: 'commit' });
    const readyAt = (await (
      await page.waitForFunction(`(${target.ready}) && performance.now()`, null, {
        polling: 'raf',
        timeout: 600_000,
      })
    ).jsonValue()) as number;
    // Quiet for a second after the data is shown: a long task then would still be in the way of a click.
    await page.waitForTimeout(1000);
    // A string, not a function: tsx's transform would name the function's inner arrows with a helper the
    // page does not have.
    return (await page.evaluate(`(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
      const interactive = Math.max(${readyAt}, window.__longTasksEnd);
      const scripts = performance.getEntriesByType('resource').filter((r) => new URL(r.name).pathname.endsWith('.js'));
      const kb = (list) => Math.round(list.reduce((sum, r) => sum + r.encodedBodySize, 0) / 102.4) / 10;
      return {
        firstRenderMs: Math.round(fcp),
        interactiveMs: Math.round(interactive),
        initialJsGzipKb: kb(scripts.filter((r) => r.responseEnd <= fcp)),
        totalJsGzipKb: kb(scripts.filter((r) => r.startTime <= interactive)),
      };
    })()`)) as PageRun;
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchInterface(options: {
  dataDir: (scale: number) => string;
  scales: number[];
  runs: number;
  log: (line: string) => void;
}): Promise<void> {
  const browser = await launchChromium();
  try {
    options.log(
      '| scale | page | first render, cold / median (ms) | interactive, cold / median (ms) | JS before first render (KB gzip) | JS by interactive (KB gzip) |',
    );
    options.log('| --- | --- | --- | --- | --- | --- |');
    for (const scale of options.scales) {
      const started = performance.now();
      const site = await startDemoSite({ dataDir: options.dataDir(scale), scale });
      process.stderr.write(`×${scale}: demo site up in ${Math.round(performance.now() - started)} ms\n`);
      try {
        const token = await demoToken(site.siteUrl, 'steering');
        for (const target of PAGES) {
          const runs: PageRun[] = [];
          for (let i = 0; i < options.runs; i += 1) {
            runs.push(await measure(browser, site.siteUrl, target, target.role ? token : null));
          }
          const cold = runs[0]!;
          options.log(
            `| ×${scale} | ${target.name} | ${cold.firstRenderMs} / ${median(runs.map((r) => r.firstRenderMs))} | ${cold.interactiveMs} / ${median(runs.map((r) => r.interactiveMs))} | ${cold.initialJsGzipKb} | ${cold.totalJsGzipKb} |`,
          );
        }
      } finally {
        await site.close();
      }
    }
  } finally {
    await browser.close();
  }
}
