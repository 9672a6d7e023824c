import path from 'node:path';
import { CHROMIUM_PATH } from '@hub/ops';
import { type Browser, chromium } from 'playwright-core';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/*
 * The sandbox page, as a person uses it: a real Chromium opens the gateway's URL, runs the example query
 * the page offers, and reads the answer on the page. No outside network: everything the page needs comes
 * from the gateway.
 */
describe('the sandbox page in a browser', () => {
  let hub: Hub;
  let browser: Browser;

  // A 5 MB page (GraphiQL with its editor inline) parsed by a cold browser on a busy 2-core machine.
  beforeAll(async () => {
    hub = await startSubgraphsAndGateway();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('runs the example query and shows the platforms, with nothing fetched from outside', async () => {
    const page = await browser.newPage();
    const outside: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['blob:', 'data:'].includes(url.protocol)) {
        outside.push(request.url());
      }
    });
    await page.goto(hub.gatewayUrl);
    expect(await page.title()).toBe('Lorraine research hub · gateway');
    await page.locator('.graphiql-execute-button').click();
    // The answer pane is an editor that draws only the lines in view: read the first platform's.
    const response = page.locator('.graphiql-response');
    await response.getByText('Plateforme CNRS seule').waitFor({ timeout: 30_000 });
    expect(((await response.textContent()) ?? '').replace(/[\s\u00a0]+/g, ' ')).toContain('"totalCount": 3');
    await page.screenshot({ path: process.env.HUB_SANDBOX_SCREENSHOT ?? path.join(hub.dir, 'sandbox.png') });
    expect(outside).toEqual([]);
  });
});
