// Cold load A/B (a benchmark, not a test): two built sites, e.g. this tree's build/wasm/site and a copy built
// at another commit, loaded alternately (A B, then B A) in fresh browser contexts, navigation start to the
// playground's first render with the engine loaded; prints each site's median and the B/A ratio.
// Usage: node bench/cold-load-ab.mjs <siteA> <siteB> [rounds]
import http from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { join, extname, resolve } from 'node:path';
import { launch, pagePath } from '../tests/browser/harness.mjs';

const [a, b, rounds = '10'] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: node bench/cold-load-ab.mjs <siteA> <siteB> [rounds]');
  process.exit(2);
}
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css' };

function serve(root) {
  const server = http.createServer((req, res) => {
    let file = join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(root)) return res.writeHead(403).end();
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((r) =>
    server.listen(0, '127.0.0.1', () =>
      r({ url: `http://127.0.0.1:${server.address().port}/${pagePath(root)}`, server }),
    ),
  );
}

const sites = [await serve(resolve(a)), await serve(resolve(b))];
const browser = await launch();
const times = [[], []];
for (let round = 0; round < Number(rounds); round++) {
  for (const k of round % 2 ? [1, 0] : [0, 1]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(sites[k].url);
    await page.waitForFunction(() => performance.getEntriesByName('attention-playground:interactive').length > 0);
    times[k].push(
      await page.evaluate(() => performance.getEntriesByName('attention-playground:interactive')[0].startTime),
    );
    await context.close();
  }
}
await browser.close();
for (const s of sites) s.server.close();
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const [ma, mb] = times.map(median);
console.log(`A ${a}: median ${ma.toFixed(0)} ms (${times[0].map((x) => x.toFixed(0)).join(' ')})`);
console.log(`B ${b}: median ${mb.toFixed(0)} ms (${times[1].map((x) => x.toFixed(0)).join(' ')})`);
console.log(`B/A ${(mb / ma).toFixed(2)}`);
