// WebKit: Debian's WebKitGTK MiniBrowser through its WebKitWebDriver, driven by selenium-webdriver (connected
// to that driver, so Selenium Manager never looks for or fetches one).  MiniBrowser has no headless mode: it
// needs an X display (run.mjs starts itself under xvfb-run).  Every driver exposes the same page interface:
//   goto(url) · evaluate(fn, arg) → fn(arg) in the page (awaited, JSON values) · focus(selector) ·
//   press('Control+Shift+z') · type(text) into the focused element · click(selector) ·
//   setFiles(selector, path) · screenshot(path) · close()
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT } from '../browser/harness.mjs';

const require = createRequire(join(ROOT, 'scripts/node_modules/'));
const { Builder, Key } = require('selenium-webdriver');

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const KEYS = {
  Control: Key.CONTROL,
  Shift: Key.SHIFT,
  Alt: Key.ALT,
  Enter: Key.ENTER,
  Escape: Key.ESCAPE,
  Tab: Key.TAB,
  Backspace: Key.BACK_SPACE,
  ArrowUp: Key.ARROW_UP,
  ArrowDown: Key.ARROW_DOWN,
  ArrowLeft: Key.ARROW_LEFT,
  ArrowRight: Key.ARROW_RIGHT,
  PageUp: Key.PAGE_UP,
  PageDown: Key.PAGE_DOWN,
  F2: Key.F2,
};

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

async function startDriver() {
  const port = await freePort();
  const proc = spawn('WebKitWebDriver', [`--port=${port}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (proc.exitCode !== null) throw new Error(`WebKitWebDriver exited (${proc.exitCode})`);
    try {
      if ((await fetch(`${url}/status`)).ok) return { url, proc };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill();
  throw new Error('WebKitWebDriver did not start');
}

export async function launch() {
  if (!process.env.DISPLAY) throw new Error('MiniBrowser needs an X display: run under xvfb-run -a');
  const { url, proc } = await startDriver();
  let driver;
  try {
    driver = await new Builder()
      .usingServer(url)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      })
      .build();
  } catch (e) {
    proc.kill();
    throw e;
  }
  const caps = await driver.getCapabilities();
  const version = `WebKitGTK ${caps.get('browserVersion')}`;
  const el = async (selector) => {
    // Through the page's deepQuery (tests/browser/deep-query.js): it sees into the playgrounds' shadow roots.
    const found = [await driver.executeScript('return deepQuery(arguments[0])', selector)].filter(Boolean);
    if (!found.length) throw new Error(`no element matches ${selector}`);
    // WebKitGTK's driver does not scroll an element into view before keys or clicks reach it.
    await driver.executeScript('arguments[0].scrollIntoView({ block: "center" })', found[0]);
    return found[0];
  };
  return {
    name: 'webkit',
    version,
    // One window serves every test: a new page is a navigation, and the window is resized to its viewport.
    async newPage({ width = 1280, height = 900 } = {}) {
      const inner = await driver.executeScript('return [outerWidth - innerWidth, outerHeight - innerHeight]');
      await driver
        .manage()
        .window()
        .setRect({ width: width + inner[0], height: height + inner[1] });
      return {
        goto: (u) => driver.get(u),
        async evaluate(fn, arg) {
          // WebDriver awaits a returned promise; JSON keeps the values plain in every engine.
          const json = await driver.executeScript(
            `return Promise.resolve((${fn})(arguments[0])).then((v) => JSON.stringify(v === undefined ? null : v));`,
            arg ?? null,
          );
          return JSON.parse(json);
        },
        async focus(selector) {
          await driver.executeScript('arguments[0].focus()', await el(selector));
        },
        async press(keys) {
          const parts = keys.split('+').map((k) => KEYS[k] ?? k);
          const mods = parts.slice(0, -1),
            key = parts.at(-1);
          let a = driver.actions();
          for (const m of mods) a = a.keyDown(m);
          a = a.keyDown(key).keyUp(key);
          for (const m of mods.reverse()) a = a.keyUp(m);
          await a.perform();
        },
        type: (text) => driver.actions().sendKeys(text).perform(),
        click: async (selector) => (await el(selector)).click(),
        setFiles: async (selector, path) => (await el(selector)).sendKeys(path),
        screenshot: async (path) => writeFileSync(path, Buffer.from(await driver.takeScreenshot(), 'base64')),
        close: async () => {},
      };
    },
    async close() {
      try {
        await driver.quit();
      } finally {
        if (proc.exitCode === null) {
          const exited = new Promise((r) => proc.once('exit', r));
          proc.kill();
          await exited;
        }
      }
    },
  };
}
