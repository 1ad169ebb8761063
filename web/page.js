// index.html's one script: the element, the iframe mode and the page's key map.  The site build
// (wasm/CMakeLists.txt) replaces this file with a bundle of everything it imports, so a cold load fetches one
// module instead of forty.
import './app/attention-playground-define.js';
import { EMBED } from './embed/iframe-bridge.js';
import { keyMapList } from './widgets/grid-keys.js';

document.getElementById('key-map')?.replaceChildren(...keyMapList());

// The page's theme switch (auto, light, dark), remembered; the playground's theme="auto" follows the page.
// Not in the iframe mode, whose theme is the embedding page's (&theme=, set-theme).
const KEY = 'attention-playground-theme';
const choices = document.getElementById('theme-switch');
const setPageTheme = (value) => {
  if (value === 'light' || value === 'dark') document.documentElement.dataset.theme = value;
  else delete document.documentElement.dataset.theme;
};
if (choices && !EMBED) {
  let saved = null;
  try {
    saved = localStorage.getItem(KEY);
  } catch {
    // Storage is off (some file:// pages, private windows): the switch still works, unremembered.
  }
  const input = choices.querySelector(`input[value="${saved}"]`);
  if (input) {
    input.checked = true;
    setPageTheme(saved);
  }
  choices.addEventListener('change', (e) => {
    setPageTheme(e.target.value);
    try {
      localStorage.setItem(KEY, e.target.value);
    } catch {
      // As above: not remembered.
    }
  });
}
