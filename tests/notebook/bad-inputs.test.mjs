// The engine's half of the shared table of bad inputs (bad-inputs.json; python/tests/test_checks.py is the
// Python half): each state is refused with a message that starts with the field the table names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const site = new URL('../../build/wasm/site/', import.meta.url);
const { createEngine } = await import(new URL('wasm/engine.js', site));
const { checkDisplayLimits, normalize } = await import(new URL('web/state/state-shape.js', site));
const engine = await createEngine();

const NUMBERS = { NaN, Infinity, '-Infinity': -Infinity };
const decode = (v) =>
  Array.isArray(v)
    ? v.map(decode)
    : v && typeof v === 'object'
      ? 'float' in v
        ? NUMBERS[v.float]
        : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]))
      : v;

/** The entry's state: its own, or the base with one path set. */
export function badState(table, entry) {
  if (entry.state) return decode(entry.state);
  const state = decode(table.base);
  const [path, value] = entry.set;
  let at = state;
  for (const key of path.slice(0, -1)) at = at[key];
  at[path.at(-1)] = decode(value);
  return state;
}

const table = JSON.parse(readFileSync(new URL('./bad-inputs.json', import.meta.url), 'utf8'));

test('the base state of the table is accepted', () => {
  const state = decode(table.base);
  engine.run(state);
  checkDisplayLimits(normalize(state));
});

for (const entry of table.entries) {
  test(`engine: ${entry.name} is refused, naming ${entry.field}`, () => {
    const state = badState(table, entry);
    const refuse = entry.by === 'display' ? () => checkDisplayLimits(normalize(state)) : () => engine.run(state);
    if (entry.by === 'display') engine.run(state); // the engine takes it; only the page cannot show it
    assert.throws(refuse, (err) => {
      assert.ok(err.message.startsWith(`${entry.field}: `), `message: ${err.message}`);
      return true;
    });
  });
}
