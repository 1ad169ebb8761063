// index.html's one script: the element and the iframe mode.  The site build (wasm/CMakeLists.txt) replaces
// this file with a bundle of everything it imports, so a cold load fetches one module instead of forty.
import './attention-playground-define.js';
import './iframe-bridge.js';
