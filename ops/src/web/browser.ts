import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from '../ensure-services';

/** Debian's Chromium, headless, as the page tests, the screenshots and the interface's benchmark drive it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
}

/** Sign in through the demo's page as a person does: the role's card (its platform chosen), its button. */
export async function signInAsDemo(
  page: Page,
  siteUrl: string,
  button: RegExp,
  platform?: string,
): Promise<void> {
  await page.goto(`${siteUrl}connexion`);
  if (platform) {
    const select = page.getByRole('combobox', { name: 'Plateforme gérée' });
    await select.locator(`option[value="${platform}"]`).waitFor({ state: 'attached' });
    await select.selectOption(platform);
  }
  await page.getByRole('button', { name: button }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/espace/'));
}
