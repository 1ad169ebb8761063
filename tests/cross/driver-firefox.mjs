// Firefox ESR (Debian's /usr/bin/firefox-esr, headless) driven over WebDriver BiDi by puppeteer-core, which
// never downloads a browser.  Exposes the page interface tests.mjs uses (see driver-webkit.mjs for the list).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from '../browser/harness.mjs';

const require = createRequire(join(ROOT, 'scripts/node_modules/'));
const puppeteer = require('puppeteer-core');

/** Playwright-style "Control+Shift+z" → modifiers and a key. */
const chord = (keys) => {
  const parts = keys.split('+');
  return { mods: parts.slice(0, -1), key: parts.at(-1) };
};

export async function launch() {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    // The suite's pages load nothing from outside; neither should the browser around them.
    extraPrefsFirefox: {
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
  const version = `Firefox ${(await browser.version()).replace(/^firefox\//, '')}`;
  return {
    name: 'firefox',
    version,
    async newPage({ width = 1280, height = 900 } = {}) {
      const page = await browser.newPage();
      await page.setViewport({ width, height });
      const el = async (selector) => {
        // Through the page's deepQuery (tests/browser/deep-query.js): it sees into the playgrounds' shadow roots.
        const handle = (await page.evaluateHandle((s) => deepQuery(s), selector)).asElement();
        if (!handle) throw new Error(`no element matches ${selector}`);
        return handle;
      };
      return {
        goto: (url) => page.goto(url, { waitUntil: 'load' }),
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        async focus(selector) {
          const h = await el(selector);
          await h.evaluate((e) => {
            e.scrollIntoView({ block: 'center' });
            e.focus();
          });
        },
        async press(keys) {
          const { mods, key } = chord(keys);
          for (const m of mods) await page.keyboard.down(m);
          await page.keyboard.press(key);
          for (const m of mods.reverse()) await page.keyboard.up(m);
        },
        type: (text) => page.keyboard.type(text),
        click: async (selector) => (await el(selector)).click(),
        setFiles: async (selector, path) => (await el(selector)).uploadFile(path),
        screenshot: (path) => page.screenshot({ path }),
        close: () => page.close(),
      };
    },
    close: () => browser.close(),
  };
}
