// Debian's Chromium through playwright-core (harness.mjs launches it), behind the same page interface as the
// other drivers (listed in driver-webkit.mjs), so the cross-engine tests can be checked against the engine
// the full Playwright suite runs in.
import { writeFileSync } from 'node:fs';
import { launch as launchChromium } from '../browser/harness.mjs';

export async function launch() {
  const browser = await launchChromium();
  return {
    name: 'chromium',
    version: `Chromium ${browser.version()}`,
    async newPage({ width = 1280, height = 900 } = {}) {
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      const el = (selector) => page.locator(selector).first();
      return {
        goto: (url) => page.goto(url),
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        focus: (selector) => el(selector).focus(),
        press: (keys) => page.keyboard.press(keys),
        type: (text) => page.keyboard.type(text),
        click: (selector) => el(selector).click(),
        setFiles: (selector, path) => el(selector).setInputFiles(path),
        screenshot: async (path) => writeFileSync(path, await page.screenshot()),
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}
