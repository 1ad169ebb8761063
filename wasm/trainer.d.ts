// Types for trainer.js: gradient descent on an attention state toward a marked pattern.
import type { AttentionState, Rows } from './engine.js';

/** The parameters a step may update. */
export type TrainableName = 'wq' | 'wk' | 'wv' | 'wo' | 'embeddings' | 'positions';

export interface TrainerOptions {
  /** Per head a T×T matrix of 0..1 (a row with any value > 0 is marked and normalised to sum 1), or null. */
  target?: (Rows | null)[];
  /** T×Dout: adds ½‖output − targetOutput‖² to the loss, so W_V and E have something to learn. */
  targetOutput?: Rows | null;
  /** Above 0, at most 100 (default 0.1). */
  learningRate?: number;
  /** Default ['wq', 'wk']; 'positions' needs a state whose positions are a T×D table. */
  train?: TrainableName[];
  /** 'simd' (default) or 'scalar' (the double-precision twins). */
  kernels?: 'simd' | 'scalar';
}

export interface TrainResult {
  /** The loss of `state`. */
  loss: number;
  /** The updated state, a fresh plain copy in the engine's format. */
  state: AttentionState;
}

export interface StepResult extends TrainResult {
  /** Each step's loss before its update: the loss curve. */
  losses: number[];
}

export interface Trainer {
  /** Cross-entropy over the marked rows, plus ½‖output − targetOutput‖², for the current parameters. */
  readonly loss: number;
  readonly state: AttentionState;
  /** n (1 to 10 000) steps of gradient descent in the core. */
  step(n?: number): StepResult;
  setTarget(targetPerHead: (Rows | null)[]): void;
  setTargetOutput(target: Rows | null): void;
  setLearningRate(lr: number): void;
  setTrain(names: TrainableName[]): void;
  /** Back to the state the trainer was created with; targets and settings stay. */
  reset(): TrainResult;
}

/** Throws an Error with `path` ('state.…', 'options.…' or 'step') naming the offending field. */
export function createTrainer(core: unknown, state: AttentionState, options?: TrainerOptions): Trainer;
