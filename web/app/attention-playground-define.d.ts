// Types for attention-playground-define.js: the class, and the tag it defines for querySelector and friends.
import type { AttentionPlayground } from './attention-playground.js';

export * from './attention-playground.js';

declare global {
  interface HTMLElementTagNameMap {
    'attention-playground': AttentionPlayground;
  }
}
