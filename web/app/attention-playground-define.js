// Defines <attention-playground>: the entry a page or bundle imports for the usual tag name.  Importing
// attention-playground.js alone defines nothing, so a page can choose another tag or subclass it first.
import { AttentionPlayground } from './attention-playground.js';

// A failure is already written into every <attention-playground> on the page.
AttentionPlayground.define().catch(() => {});

export { AttentionPlayground };
