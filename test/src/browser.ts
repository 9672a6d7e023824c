import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';

export { launchChromium, signInAsDemo } from '@hub/ops';

/** A French reader's page, with every request to anywhere but this machine recorded (there must be none). */
export async function frenchPage(browser: Browser): Promise<{ page: Page; outside: string[] }> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  // One generous wait for what a busy 2-core machine is slow to show (the dashboard reads the whole inventory).
  page.setDefaultTimeout(90_000);
  const outside: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['blob:', 'data:'].includes(url.protocol)) {
      outside.push(request.url());
    }
  });
  return { page, outside };
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core run in the page: the violations an assistive technology's user would meet, serious or worse. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
