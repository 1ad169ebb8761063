// Types for attention-playground.js: the element's properties, methods, attributes and events.  The package's
// custom-elements.json is generated from this file (scripts/element-manifest.mjs), and the package test holds
// both to what the element really exposes.
import type { AttentionState, AttentionTrace } from '../../wasm/engine.js';

export type { AttentionState, AttentionTrace, HeadTrace, HeadWeights, Rows, TraceMatrix } from '../../wasm/engine.js';

/** `detail` of the `computed` event. */
export interface ComputedDetail {
  /** The engine's trace of the state now shown. */
  trace: AttentionTrace;
  /** How long the engine took, in milliseconds. */
  ms: number;
}

/** `detail` of the `state-change` event. */
export interface StateChangeDetail {
  /** A copy of the state after the edit (made when read). */
  readonly state: AttentionState;
}

/** A step of the walk through one query token, in order. */
export type WalkStep = 'projections' | 'scores' | 'scale' | 'mask' | 'softmax' | 'weigh' | 'sum';

/** `detail` of the `step-change` event. */
export interface StepChangeDetail {
  /** The step now shown, or null: the walk ended. */
  step: WalkStep | null;
  /** The query token the walk follows, 1-based. */
  query: number;
}

/**
 * The element's events, all composed, so they leave a shadow root the element sits in.  `computed` and
 * `state-change` do not bubble (listen on the element itself); `step-change` bubbles.
 */
export interface AttentionPlaygroundEventMap extends HTMLElementEventMap {
  /** After every computation: an edit, an undo or redo, a state or attribute set, and the first one. */
  computed: CustomEvent<ComputedDetail>;
  /** After the reader changed the state (an edit, undo, redo, a lab step); not after a `state` or attribute set. */
  'state-change': CustomEvent<StateChangeDetail>;
  /** The walk's step or query changed (Play, Next, Previous, a picker, a selected cell, `step`, `query`). */
  'step-change': CustomEvent<StepChangeDetail>;
}

/** Names the `preset` attribute takes. */
export type PresetName = 'bank-grows-money' | 'animal-street' | 'java' | 'cat-mat' | 'bank-deposit' | 'river-bank';

/**
 * The element's HTML attributes, as markup spells them (every value is text; a boolean attribute is on when
 * present).  Changing one later applies at once; a bad value is skipped with a message naming it.
 */
export interface AttentionPlaygroundAttributes {
  /** A sentence example, with its designed embeddings and head. */
  preset: PresetName;
  /** The sentence, split on spaces: lexicon words get their named vectors, others start at 0. */
  tokens: string;
  /** The number of heads, 1 to 8. */
  heads: string;
  /** D, the embedding width, 1 to 16. */
  'd-model': string;
  /** dₖ, each head's width, 1 to 16. */
  'd-k': string;
  /** `none` or `causal`. */
  mask: 'none' | 'causal';
  /** `none` (the default) or `sinusoidal`: what is added to E before the projections (X = E + P). */
  positions: 'none' | 'sinusoidal';
  /** `true` divides the scores by √dₖ, `false` does not. */
  scale: 'true' | 'false';
  /** The softmax temperature, 0.001 to 1000. */
  temperature: string;
  /** The seed for new random heads, a whole number ≥ 0. */
  seed: string;
  /** The whole state as JSON, as the "Save JSON" button writes it. */
  state: string;
  /** The URL of such a JSON file (needs a server; ignored when `state` is set). */
  src: string;
  /** Which panels show, in order: pipeline steps, `controls map point status tools`, `labs` or single labs. */
  panels: string;
  /** Boolean: nothing is editable. */
  readonly: '';
  /** Only the listed matrices and controls are editable (`E P W_Q W_K W_V W_O tokens sizes projections mask scale temperature`; `P` also takes the positions' mode). */
  editable: string;
  /** Boolean: smaller cells and type. */
  compact: '';
  /** Boolean: keep the state in the page's `#state=…` hash (read when the element is first connected). */
  'url-state': '';
  /** `light` or `dark` forces a theme; `auto` (the default) follows the page around the element. */
  theme: 'auto' | 'light' | 'dark';
  /** The walk's step to show (its lit cells and narration); absent: no walk. */
  step: WalkStep;
  /** The query token the walk follows, 1-based (its row is selected). */
  query: string;
}

/**
 * `<attention-playground>`: scaled dot-product self-attention for one state, every tensor recomputed by the
 * WebAssembly engine on every edit.  The theme it shows is a custom state, `:state(light)` or `:state(dark)`,
 * so that a page can set its `--ap-*` colours for one theme alone.
 */
export class AttentionPlayground extends HTMLElement {
  /**
   * Registers this class (or a subclass) as `tag` in `registry` once the page's engine has started.  Resolves to
   * the class the tag names (a tag already defined is left as it is); rejects when the engine cannot start.
   */
  static define(tag?: string, registry?: CustomElementRegistry): Promise<CustomElementConstructor>;
  /** The attributes whose changes apply at once. */
  static readonly observedAttributes: string[];

  /**
   * A copy of the state shown.  Setting it throws the engine's message (naming the field) and changes nothing;
   * a state set is a new start, with nothing before it for `undo()` (the reader's first edit is the first step).
   */
  state: AttentionState;
  /** The engine's trace of `state`. */
  readonly trace: AttentionTrace;
  /** The walk's step, or null: no walk.  Setting null ends it; a name it does not know throws. */
  step: WalkStep | null;
  /** The query token the walk follows (the selected row), 1-based; setting one out of range throws. */
  query: number;

  /** Steps back one edit. */
  undo(): void;
  /** Steps forward one undone edit. */
  redo(): void;

  connectedCallback(): void;
  disconnectedCallback(): void;
  attributeChangedCallback(name: string, oldValue: string | null, newValue: string | null): void;

  addEventListener<K extends keyof AttentionPlaygroundEventMap>(
    type: K,
    listener: (this: AttentionPlayground, ev: AttentionPlaygroundEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof AttentionPlaygroundEventMap>(
    type: K,
    listener: (this: AttentionPlayground, ev: AttentionPlaygroundEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}
