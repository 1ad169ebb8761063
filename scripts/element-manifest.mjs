// The package's custom-elements.json (Custom Elements Manifest 2.1), made from the element's type declarations,
// web/app/attention-playground.d.ts, read with TypeScript's parser: the manifest cannot say what the types do not.
// scripts/package-dist.mjs writes it; the package test holds both to the running element.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(new URL('./node_modules/', import.meta.url));
const ts = require('typescript');

export const DTS = fileURLToPath(new URL('../web/app/attention-playground.d.ts', import.meta.url));
export const TAG = 'attention-playground';
// Members every custom element has: typed for subclasses and listeners, not part of this element's API.
export const PLATFORM = new Set([
  'connectedCallback',
  'disconnectedCallback',
  'adoptedCallback',
  'attributeChangedCallback',
  'addEventListener',
  'removeEventListener',
]);

const doc = (node) =>
  ts
    .getJSDocCommentsAndTags(node)
    .map((d) => (typeof d.comment === 'string' ? d.comment : ''))
    .join('\n')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
const has = (node, kind) => !!node.modifiers?.some((m) => m.kind === kind);
const nameOf = (node) => (ts.isStringLiteral(node.name) ? node.name.text : node.name.getText());

/**
 * The element as its declarations describe it: { className, description, attributes, events, members,
 * declared }, each attribute and event { name, type, description }, each member { kind: 'field'|'method',
 * name, static, ... }; `declared` names every member, the platform's callbacks included.
 */
export function describeElement(file = DTS) {
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const find = (test, what) => {
    const node = src.statements.find(test);
    if (!node) throw new Error(`${file}: no ${what}`);
    return node;
  };
  const cls = find((s) => ts.isClassDeclaration(s) && s.name?.text === 'AttentionPlayground', 'class');
  const attrs = find(
    (s) => ts.isInterfaceDeclaration(s) && s.name.text === 'AttentionPlaygroundAttributes',
    'attributes',
  );
  const events = find((s) => ts.isInterfaceDeclaration(s) && s.name.text === 'AttentionPlaygroundEventMap', 'events');
  // A type alias of this file is spelled out, so that editors reading the manifest see the names it allows.
  const aliases = new Map(src.statements.filter(ts.isTypeAliasDeclaration).map((a) => [a.name.text, a.type.getText()]));
  const entry = (m) => ({
    name: nameOf(m),
    type: aliases.get(m.type.getText()) ?? m.type.getText(),
    description: doc(m),
  });
  const members = [];
  for (const m of cls.members) {
    const name = nameOf(m);
    if (PLATFORM.has(name) || members.some((x) => x.name === name)) continue;
    const common = { name, static: has(m, ts.SyntaxKind.StaticKeyword), description: doc(m) };
    if (ts.isPropertyDeclaration(m)) {
      members.push({
        kind: 'field',
        ...common,
        type: m.type.getText(),
        readonly: has(m, ts.SyntaxKind.ReadonlyKeyword),
      });
    } else if (ts.isMethodDeclaration(m)) {
      const parameters = m.parameters.map((p) => ({
        name: p.name.getText(),
        type: p.type.getText(),
        optional: !!p.questionToken,
      }));
      members.push({ kind: 'method', ...common, parameters, return: m.type.getText() });
    } else throw new Error(`${file}: ${name}: declare members as properties or methods`);
  }
  return {
    className: cls.name.text,
    description: doc(cls),
    attributes: attrs.members.map(entry),
    events: events.members.map(entry),
    members,
    declared: [...new Set(cls.members.map(nameOf))],
  };
}

/** The manifest for the package's three entries: the class module, the defining module, the classic script. */
export function manifest(el = describeElement()) {
  const ref = { name: el.className, module: 'element.mjs' };
  const text = (type) => ({ text: type });
  const opt = (on, obj) => (on ? obj : {});
  const definition = { kind: 'custom-element-definition', name: TAG, declaration: ref };
  return {
    schemaVersion: '2.1.0',
    readme: 'README.md',
    modules: [
      {
        kind: 'javascript-module',
        path: 'element.mjs',
        declarations: [
          {
            kind: 'class',
            customElement: true,
            name: el.className,
            tagName: TAG,
            description: el.description,
            superclass: { name: 'HTMLElement', package: 'global:' },
            attributes: el.attributes.map((a) => ({ name: a.name, type: text(a.type), description: a.description })),
            events: el.events.map((e) => ({ name: e.name, type: text(e.type), description: e.description })),
            members: el.members.map((m) =>
              m.kind === 'field'
                ? {
                    kind: 'field',
                    name: m.name,
                    type: text(m.type),
                    description: m.description,
                    ...opt(m.static, { static: true }),
                    ...opt(m.readonly, { readonly: true }),
                  }
                : {
                    kind: 'method',
                    name: m.name,
                    description: m.description,
                    ...opt(m.static, { static: true }),
                    parameters: m.parameters.map((p) => ({
                      name: p.name,
                      type: text(p.type),
                      ...opt(p.optional, { optional: true }),
                    })),
                    return: { type: text(m.return) },
                  },
            ),
          },
        ],
        exports: [{ kind: 'js', name: el.className, declaration: ref }],
      },
      {
        kind: 'javascript-module',
        path: 'index.mjs',
        exports: [{ kind: 'js', name: el.className, declaration: ref }, definition],
      },
      { kind: 'javascript-module', path: 'attention-playground.js', exports: [definition] },
    ],
  };
}
