// Whether an example still shows its point after the reader's edits, and if not, what the edits made of it.
import { sentenceState } from '../state/presets.js';
import { formatNumber } from '../widgets/format.js';

/** One playground's judge of its examples; it remembers each example's weights as loaded. */
export class ExamplePoint {
  #engine;
  #baselines = new Map();

  constructor(engine) {
    this.#engine = engine;
  }

  /**
   * null while the example still shows its point: its focus token attends most to an expected word, with at
   * least half the weight it gives it in the example as loaded.  Otherwise what the edits made of it.
   */
  gone(preset, state, trace) {
    const share = (s, t) => {
      const T = s.tokens.length,
        i = s.tokens.indexOf(preset.focus[0]);
      if (i < 0) return { sum: 0, top: false };
      const w = t.heads[0].weights.data.subarray(i * T, (i + 1) * T);
      let top = 0,
        sum = 0;
      for (let j = 0; j < T; j++) {
        if (w[j] > w[top]) top = j;
        if (preset.expect.includes(s.tokens[j])) sum += w[j];
      }
      return { sum, top: preset.expect.includes(s.tokens[top]) };
    };
    if (!this.#baselines.has(preset.id)) {
      const s = sentenceState(preset.id);
      this.#baselines.set(preset.id, share(s, this.#engine.run(s)).sum);
    }
    const was = this.#baselines.get(preset.id),
      now = share(state, trace);
    if (now.top && now.sum >= was / 2) return null;
    const words = preset.expect.map((w) => `“${w}”`).join(' and ');
    return (
      `“${preset.focus[0]}” now gives ${words} ${formatNumber(now.sum)}, against ${formatNumber(was)} in the ` +
      'example as loaded: undo, or choose the example again, to see its point.'
    );
  }
}
