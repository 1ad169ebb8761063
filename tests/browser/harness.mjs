// Shared by run.mjs and perf.mjs: a static server for build/wasm/site on a free localhost port (Node's
// http module only) and Debian's Chromium driven by playwright-core from scripts/node_modules.
import http from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SITE = join(ROOT, 'build/wasm/site');
const require = createRequire(join(ROOT, 'scripts/node_modules/'));
const { chromium } = require('playwright-core');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ts': 'text/plain; charset=utf-8',
};

/** The page of a site: web/index.html (the site mirrors the source tree), or index.html in a site built before. */
export const pagePath = (root) => (existsSync(join(root, 'web/index.html')) ? 'web/' : '');

/**
 * Serves root (SITE unless told) on 127.0.0.1 at a free port; resolves { url, root, close }: url is the page
 * (pagePath), root the server's root.  `head`, if given, is
 * HTML put first in the <head> of every page served (the cross-engine suite's probe).
 */
export function serve({ root = SITE, head = '' } = {}) {
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      if (head && extname(file) === '.html') {
        const html = Buffer.from(readFileSync(file, 'utf8').replace(/<head>/i, (m) => m + head));
        res.writeHead(200, { 'content-type': type, 'content-length': html.length, 'cache-control': 'no-store' });
        res.end(html);
        return;
      }
      res.writeHead(200, { 'content-type': type, 'content-length': statSync(file).size, 'cache-control': 'no-store' });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const base = `http://127.0.0.1:${server.address().port}/`;
      resolve({ url: base + pagePath(root), root: base, close: () => new Promise((r) => server.close(r)) });
    }),
  );
}

export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** True for requests that stay on this machine (data: and blob: URLs included). */
export function isLocal(url) {
  if (/^(data|blob|about):/.test(url)) return true;
  try {
    const host = new URL(url).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}

/**
 * A sequential test runner: run(name, fn) awaits fn and prints "ok   name (ms)", or "FAIL name" with the first
 * stackLines lines of the error; results holds true or false per test, in order.
 */
export function testRunner({ stackLines = 6 } = {}) {
  const results = [];
  async function run(name, fn) {
    const t0 = performance.now();
    try {
      await fn();
      results.push(true);
      console.log(`ok   ${name} (${Math.round(performance.now() - t0)} ms)`);
    } catch (e) {
      results.push(false);
      const stack = String(e?.stack ?? e)
        .split('\n')
        .slice(0, stackLines);
      console.log(`FAIL ${name}\n     ${stack.join('\n     ')}`);
    }
  }
  return { run, results };
}
