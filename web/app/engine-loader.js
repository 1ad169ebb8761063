// One engine per page, however many playgrounds: every caller shares this promise (no top-level await,
// so an iife bundle can carry it).
import { createEngine } from '../../wasm/engine.js';

let shared = null;

/** @returns {Promise<import('../../wasm/engine.js').Engine>} the page's engine, created on first call. */
export function loadEngine() {
  if (!shared) shared = createEngine();
  return shared;
}
