// The training lab's trainer loop: one engine trainer (made from the state shown on the first step), steps
// one at a time or a run of frames, the losses they record and the time a step takes.
import { getEngine } from './lab-kit.js';
import { DEFAULT_RATE } from './train-rate.js';
import { LossCurve } from './train-losses.js';

const STEPS_PER_FRAME = 5,
  MAX_RUN = 3000;

export class TrainerLoop {
  trainer = null;
  rate = DEFAULT_RATE; // the rate in use: the field's number, or the last valid one while it is not
  losses = new LossCurve();
  stepMs = undefined;
  #raf = 0;

  get running() {
    return this.#raf !== 0;
  }

  /** No trainer (the next step makes one from the state then shown) and no losses. */
  forget() {
    this.trainer = null;
    this.losses.clear();
  }

  /** n steps; without a trainer, one is made from start() = { state, target, train }.  Throws what the engine refuses. */
  step(n, start) {
    if (!this.trainer) {
      const { state, target, train } = start();
      this.trainer = getEngine().trainer(state, { target, learningRate: this.rate, train });
    }
    const t0 = performance.now();
    const r = this.trainer.step(n);
    this.stepMs = (performance.now() - t0) / n;
    this.losses.add(r.losses, r.loss);
    return r;
  }

  /** Calls step(n) every frame until it returns false; stop() after MAX_RUN steps or once the loss is near 0. */
  run(step, stop) {
    let ran = 0;
    const frame = () => {
      this.#raf = requestAnimationFrame(frame);
      if (!step(STEPS_PER_FRAME)) return;
      ran += STEPS_PER_FRAME;
      if (ran >= MAX_RUN || this.losses.now < 1e-3) stop();
    };
    this.#raf = requestAnimationFrame(frame);
  }

  /** Ends a run; false when none was going. */
  stop() {
    if (!this.#raf) return false;
    cancelAnimationFrame(this.#raf);
    this.#raf = 0;
    return true;
  }

  /** The weights before training again ({ state, loss }), null without a trainer; the curve starts again. */
  reset() {
    if (!this.trainer) return null;
    const r = this.trainer.reset();
    this.losses.clear();
    this.losses.now = r.loss;
    return r;
  }
}
