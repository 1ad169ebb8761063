// A typed use of the engine and the trainer, as an application would write it; `tsc --noEmit` checks the
// .d.ts files against it (scripts/lint).  Never run.
import { createEngine } from '../../wasm/engine.js';
import type { AttentionState, AttentionTrace, HeadTrace, TraceMatrix } from '../../wasm/engine.js';
import type { StepResult, TrainableName } from '../../wasm/trainer.js';

const state: AttentionState = {
  tokens: ['the', 'bank'],
  embeddings: [
    [1, 0],
    [0, 1],
  ],
  heads: [{ wq: [[1], [0]], wk: [[0], [1]], wv: [[1], [1]] }],
  wo: null,
  scale: true,
  mask: 'causal',
  temperature: 1,
};

function cell(m: TraceMatrix, i: number, j: number): number {
  return m.data[i * m.cols + j];
}

export async function demo(): Promise<number> {
  const engine = await createEngine();
  const trace: AttentionTrace = engine.run(state, { kernels: 'scalar', view: false });
  const head: HeadTrace = trace.heads[0];
  const rowSum = cell(head.weights, 1, 0) + cell(head.weights, 1, 1);
  const saturated: number[] = trace.flags.saturatedRows[0];
  const limit: number = engine.limits.maxTokens;

  const raw = engine.kernel(16, 4);
  raw.q.fill(1);
  raw.run(0.5, 'simd');

  const train: TrainableName[] = ['wq', 'wk'];
  const trainer = engine.trainer(state, {
    target: [
      [
        [1, 0],
        [0, 1],
      ],
    ],
    learningRate: 0.1,
    train,
  });
  const result: StepResult = trainer.step(3);
  trainer.setLearningRate(0.05);
  trainer.setTarget([null]);
  const back = trainer.reset();
  return rowSum + saturated.length + limit + result.losses.length + back.loss + raw.out[0];
}
