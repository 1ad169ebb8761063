// A tutorial's typed use of the installed package, as its author would write it; the package test runs
// `tsc --noEmit` over it.  Never run.
import { AttentionPlayground } from 'attention-playground';
import { AttentionPlayground as Base } from 'attention-playground/element';
import type {
  AttentionPlaygroundAttributes,
  AttentionState,
  AttentionTrace,
  ComputedDetail,
  StateChangeDetail,
} from 'attention-playground/element';
import 'attention-playground/classic';

export function wire(): number {
  const el: AttentionPlayground | null = document.querySelector('attention-playground');
  if (!el) return 0;
  const state: AttentionState = el.state;
  el.state = { ...state, temperature: 2, mask: 'causal' };
  el.addEventListener('computed', (e) => {
    const detail: ComputedDetail = e.detail;
    const out: Float32Array = detail.trace.output.data;
    console.log(detail.ms, out[0]);
  });
  el.addEventListener('state-change', (e) => {
    const detail: StateChangeDetail = e.detail;
    console.log(detail.state.tokens?.join(' '));
  });
  el.undo();
  el.redo();
  const trace: AttentionTrace = el.trace;
  // @ts-expect-error the trace is the engine's answer, never set
  el.trace = trace;
  // @ts-expect-error the state is an engine state, not its JSON text
  el.state = JSON.stringify(state);
  return trace.heads[0].weights.rows;
}

export class MyPlayground extends Base {
  connectedCallback(): void {
    super.connectedCallback();
    this.dataset.ready = 'yes';
  }
}

export const ready: Promise<CustomElementConstructor> = MyPlayground.define('my-playground', customElements);
export const observed: string[] = AttentionPlayground.observedAttributes;

export const attributes: Partial<AttentionPlaygroundAttributes> = { preset: 'river-bank', mask: 'causal', compact: '' };
// @ts-expect-error no such preset
export const wrong: Partial<AttentionPlaygroundAttributes> = { preset: 'riverbank' };

export const made: AttentionPlayground = document.createElement('attention-playground');
