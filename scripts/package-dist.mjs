// Makes dist/ the npm package's root: writes its package.json and custom-elements.json, copies the licence,
// the notices and the README.  `npm pack ./dist` then gives the tarball.  The package.json lives here and not
// at the top of the repository because bundlers apply a package's `sideEffects` to every file below it: at the
// top it would also cover web/ and the site build, whose components register themselves on import.
// Usage: node scripts/package-dist.mjs DIST   (the site build runs it after writing the bundles)
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifest } from './element-manifest.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export const PACKAGE = {
  name: 'attention-playground',
  version: '0.1.0',
  description:
    '<attention-playground>: a custom element that shows scaled dot-product self-attention as it happens, every ' +
    'tensor computed by a C++ engine compiled to WebAssembly. The engine and its WebAssembly are inside: no ' +
    'dependencies, nothing loaded from elsewhere.',
  keywords: ['attention', 'transformer', 'custom-element', 'web-component', 'webassembly', 'teaching'],
  license: 'MIT',
  exports: {
    '.': { types: './attention-playground-define.d.ts', default: './index.mjs' },
    './element': { types: './attention-playground.d.ts', default: './element.mjs' },
    './classic': { types: './attention-playground-define.d.ts', default: './attention-playground.js' },
    './custom-elements.json': './custom-elements.json',
    './package.json': './package.json',
  },
  module: './index.mjs',
  types: './attention-playground-define.d.ts',
  customElements: 'custom-elements.json',
  // npm adds package.json, README.md and LICENSE itself.  attention-playground.mjs (the copy-the-file module)
  // stays out: index.mjs and element.mjs are the same code, split so that using both carries one engine.
  files: [
    'index.mjs',
    'element.mjs',
    'playground-core.mjs',
    'attention-playground.js',
    '*.d.ts',
    'custom-elements.json',
    'NOTICE',
  ],
  // Importing these defines <attention-playground>.  element.mjs and playground-core.mjs register only the
  // element's inner parts, which nothing needs unless the class is used: a bundle may drop them when it is not.
  sideEffects: ['./index.mjs', './attention-playground.js'],
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = process.argv[2];
  if (!dist) {
    console.error('usage: node scripts/package-dist.mjs DIST');
    process.exit(2);
  }
  writeFileSync(join(dist, 'package.json'), `${JSON.stringify(PACKAGE, null, 2)}\n`);
  writeFileSync(join(dist, 'custom-elements.json'), `${JSON.stringify(manifest(), null, 2)}\n`);
  for (const f of ['LICENSE', 'NOTICE', 'README.md']) copyFileSync(join(ROOT, f), join(dist, f));
  // The element's types name the engine's by their place in the repository (web/app/ -> wasm/); in the package
  // both sit side by side.
  const types = join(dist, 'attention-playground.d.ts');
  writeFileSync(types, readFileSync(types, 'utf8').replaceAll("'../../wasm/engine.js'", "'./engine.js'"));
}
