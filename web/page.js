// index.html's one script: the element, the iframe mode and the page's key map.  The site build
// (wasm/CMakeLists.txt) replaces this file with a bundle of everything it imports, so a cold load fetches one
// module instead of forty.
import './app/attention-playground-define.js';
import './embed/iframe-bridge.js';
import { keyMapList } from './widgets/grid-keys.js';

document.getElementById('key-map')?.replaceChildren(...keyMapList());
