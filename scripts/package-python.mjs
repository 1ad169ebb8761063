// Fills the Python package's folder (python/attention_playground/, git-ignored files) from a built tree: the
// classic script, the licence and notices, the version, and two tables the package checks against: limits.json
// (the core's limits as the engine exports them, and what the page shows) and element.json (the element's
// attribute names from the manifest, each preset's tokens and sizes).  Nothing here is typed by hand.
// Usage: node scripts/package-python.mjs   (scripts/build runs it after the WebAssembly tree)
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(ROOT, 'dist');
const SITE = join(ROOT, 'build/wasm/site');
const OUT = join(ROOT, 'python/attention_playground');

for (const f of [join(DIST, 'attention-playground.js'), join(SITE, 'wasm/engine.js')]) {
  if (!existsSync(f)) {
    console.error(`package-python: ${f} is missing; run scripts/build wasm first`);
    process.exit(1);
  }
}
const site = (f) => import(pathToFileURL(join(SITE, f)).href);
const { createEngine } = await site('wasm/engine.js');
const { DISPLAY_LIMITS } = await site('web/state/state-shape.js');
const { SENTENCES, sentenceState } = await site('web/state/presets.js');

const engine = await createEngine();
const json = (v) => `${JSON.stringify(v, null, 1)}\n`;
writeFileSync(join(OUT, 'limits.json'), json({ engine: { ...engine.limits }, display: DISPLAY_LIMITS }));

const manifest = JSON.parse(readFileSync(join(DIST, 'custom-elements.json'), 'utf8'));
const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName || d.customElement);
const presets = Object.fromEntries(
  SENTENCES.map(({ id }) => {
    const s = sentenceState(id);
    return [
      id,
      {
        tokens: s.tokens,
        T: s.embeddings.length,
        D: s.embeddings[0].length,
        Dk: s.heads[0].wq[0].length,
        H: s.heads.length,
      },
    ];
  }),
);
writeFileSync(
  join(OUT, 'element.json'),
  json({ tag: element.tagName, attributes: element.attributes.map((a) => a.name), presets }),
);

copyFileSync(join(DIST, 'attention-playground.js'), join(OUT, 'attention-playground.js'));
for (const f of ['LICENSE', 'NOTICE']) copyFileSync(join(ROOT, f), join(OUT, f));
writeFileSync(join(OUT, 'VERSION'), `${JSON.parse(readFileSync(join(DIST, 'package.json'), 'utf8')).version}\n`);
