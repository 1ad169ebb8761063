// Types for engine.js: the state the engine takes and the trace it returns.
import type { Trainer, TrainerOptions } from './trainer.js';

/** A matrix as the state spells it: rows of numbers, row-major, rows are tokens where that applies. */
export type Rows = number[][];

/** One attention head's projections, each D×Dk: Q = X·W_Q, K = X·W_K, V = X·W_V. */
export interface HeadWeights {
  wq: Rows;
  wk: Rows;
  wv: Rows;
}

/** Everything one forward pass reads.  Plain, JSON-serialisable data. */
export interface AttentionState {
  /** One label per embeddings row (optional; checked against T when present). */
  tokens?: string[];
  /** E, T×D: one row per token.  1 ≤ T ≤ 2048, 1 ≤ D ≤ 512, |value| ≤ 1e6. */
  embeddings: Rows;
  /** 1 to 8 heads, all with the same Dk (1 ≤ Dk ≤ 256).  H·T² ≤ 2048². */
  heads: HeadWeights[];
  /** W_O, (H·Dk)×Dout; null or absent: the output is the concat. */
  wo?: Rows | null;
  /** Divide scores by √Dk (default true). */
  scale?: boolean;
  /** 'none' (default), 'causal' (token i sees tokens ≤ i), or a T×T matrix of 1 = may attend, 0 = blocked. */
  mask?: 'none' | 'causal' | Rows;
  /** Divide the scaled scores by this; 0.001 to 1000 (default 1). */
  temperature?: number;
  /**
   * What is added to E before the projections, X = E + P: 'none' (default, X = E), 'sinusoidal'
   * (P[pos][2i] = sin(pos / 10000^(2i/D)), P[pos][2i+1] = cos(…), pos from 0), or a T×D table (learned or
   * typed; |value| ≤ 1e6).
   */
  positions?: 'none' | 'sinusoidal' | Rows;
}

/** A computed matrix, row-major: element (i, j) is data[i * cols + j]. */
export interface TraceMatrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

/** One head's intermediates, in forward order. */
export interface HeadTrace {
  /** X·W_Q, X·W_K, X·W_V: T×Dk (X = E + P). */
  q: TraceMatrix;
  k: TraceMatrix;
  v: TraceMatrix;
  /** Q·Kᵀ, T×T. */
  scores: TraceMatrix;
  /** scores ÷ √Dk (when scale) ÷ temperature. */
  scaled: TraceMatrix;
  /** scaled, with -Infinity where the mask blocks. */
  masked: TraceMatrix;
  /** softmax of each masked row; a fully masked row is all 0. */
  weights: TraceMatrix;
  /** weights·V, T×Dk. */
  output: TraceMatrix;
  /** Per row: −Σ p log p, in nats. */
  entropy: Float32Array;
  /** Per row: the largest weight. */
  maxWeight: Float32Array;
  /** Per row: ‖diag(p) − p·pᵀ‖_F, the softmax Jacobian's size; near 0 when the row saturates. */
  gradNorm: Float32Array;
  /**
   * Per row: the largest masked score, m, that the softmax subtracted before the exp; −Infinity for a fully
   * masked row.
   */
  rowMax: Float32Array;
  /**
   * Per row: Z = Σ_j exp(masked_j − m), the sum the softmax divided by (weights = exp(masked − m) ÷ Z, so Z ≥ 1);
   * 0 for a fully masked row.
   */
  rowSum: Float32Array;
}

export interface AttentionTrace {
  /** P, T×D: the positions added (all 0 for 'none'). */
  positions: TraceMatrix;
  /** X = E + P, T×D: what the projections read (E itself for 'none'). */
  x: TraceMatrix;
  heads: HeadTrace[];
  /** Concat(head_1..H), T×(H·Dk): head h in columns h·Dk … (h+1)·Dk − 1. */
  concat: TraceMatrix;
  /** concat·W_O, T×Dout (or a copy of concat when there is no W_O). */
  output: TraceMatrix;
  flags: {
    /** Per head: rows with nothing to attend to (their weights are all 0). */
    fullyMaskedRows: number[][];
    /** Per head: rows whose largest weight is ≥ 0.99 while 2+ tokens were allowed. */
    saturatedRows: number[][];
  };
}

export interface EngineLimits {
  maxTokens: number;
  maxDModel: number;
  maxDK: number;
  maxHeads: number;
  maxDOut: number;
  /** H·T² ceiling. */
  maxScoreCells: number;
  maxAbsValue: number;
  minTemperature: number;
  maxTemperature: number;
}

/** The bare kernel: out = softmax(q·kᵀ·factor)·v, no trace.  Views die when wasm memory grows. */
export interface RawKernel {
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
  out: Float32Array;
  run(factor?: number, kernels?: 'simd' | 'scalar'): void;
}

export interface RunOptions {
  /** 'simd' (default): the xsimd kernels; 'scalar': their double-precision scalar twins. */
  kernels?: 'simd' | 'scalar';
  /**
   * true: the trace's arrays are views into the wasm heap, not a copy.  Saves copying large traces
   * (64 MB at 2048 tokens) but the next run() overwrites them and a memory growth detaches them.
   */
  view?: boolean;
}

export interface Engine {
  /**
   * Runs the forward pass.  Throws an Error whose message starts with the offending path, e.g.
   * "state.heads[1].wk: expected 4×2, got 4×3"; the engine stays usable after any error.
   * The trace owns its numbers: a later run never changes them.
   */
  run(state: AttentionState, options?: RunOptions): AttentionTrace;
  /** Buffers for the bare kernel at T tokens of width Dk. */
  kernel(T: number, Dk: number): RawKernel;
  readonly limits: EngineLimits;
  /** A gradient-descent trainer (W_Q, W_K by default) toward a target attention pattern. */
  trainer(state: AttentionState, options?: TrainerOptions): Trainer;
  /** Bytes of WebAssembly memory (constant across runs of one size). */
  readonly memoryBytes: number;
  /** Which build runs. */
  readonly features: EngineFeatures;
}

export interface EngineFeatures {
  /**
   * true: the relaxed-SIMD build, whose GEMM tiles and exp polynomial use f32x4.relaxed_madd (fused where the
   * CPU has FMA, so the last bit may differ between machines); false: the SIMD128 build.
   */
  readonly relaxedSimd: boolean;
}

export interface CreateEngineOptions {
  /**
   * Forces a build: 'relaxed' (an error where relaxed SIMD does not validate) or 'simd128'.  Default: relaxed
   * where WebAssembly.validate accepts relaxed SIMD, else simd128.
   */
  build?: 'relaxed' | 'simd128';
  /** The chosen build's module bytes, instead of the embedded ones. */
  wasmBinary?: ArrayBuffer | Uint8Array;
}

/** Loads the WebAssembly core (inlined; no network): the relaxed-SIMD build where it runs, else SIMD128. */
export function createEngine(options?: CreateEngineOptions): Promise<Engine>;

/** Whether this JavaScript engine validates relaxed SIMD (the default choice of createEngine). */
export function relaxedSimdSupported(): boolean;
