import { mergeMpSteps } from '../encoding/mp-codes.ts';
import { MpSession } from '../encoding/mp-session.ts';
import { topKField } from '../formats/saelens-values.ts';
import { SaeError } from '../sae-error.ts';
import { transpose } from '../training/matrix.ts';
import { accumulateMpBackward } from '../training/mp-backward.ts';
import type { SaeArchitecture } from './architecture.ts';

/**
 * Matching pursuit: no separate encoder; k greedy steps over the unit-norm decoder rows (each
 * takes the atom most correlated with the residual, `encoding/mp-graph.ts`), stopping early once
 * ‖residual‖ < `residualThreshold`. Training backpropagates through the unrolled steps
 * (`training/mp-backward.ts`). SAELens has no matching pursuit: saved as `architecture: "mp"`
 * with `k` and `atlas_residual_threshold`, W_enc stored as W_decᵀ and b_enc as 0 (both unused).
 */
export const mp: SaeArchitecture<'mp', { residualThreshold: number }> = {
  name: 'mp',
  summary: 'matching pursuit: k greedy steps over the decoder rows',
  needsK: true,
  auxK: false,
  wholeBatch: false,
  extraWeights: [],
  topKEncoderRefusal: 'An mp SAE has no TopK encoder (its W_enc is only W_decᵀ); encode it with createEncoder.',
  plan(options, k) {
    if (options.maxActive !== undefined) {
      throw new SaeError('maxActive does not apply to mp: its codes have k slots, one per pursuit step (set k).');
    }
    const threshold = options.residualThreshold ?? 0;
    if (!(threshold >= 0) || !Number.isFinite(threshold)) {
      throw new SaeError(`residualThreshold must be a finite number >= 0, got ${options.residualThreshold}.`);
    }
    return { k, slots: k, sparsityCoefficient: 0, settings: { residualThreshold: threshold } };
  },
  config: (settings) => ({ residualThreshold: settings.residualThreshold }),
  train: (run) => ({
    openSession: (options) =>
      MpSession.open(run.params, { dIn: run.dIn, width: run.width, steps: run.slots, residualThreshold: run.settings.residualThreshold }, options.threads, options.device),
    // Its own backward pass reads the graph's trajectory as it is (no prepare step).
    accumulate: accumulateMpBackward,
    async finish(sae) {
      // No encoder of its own: W_enc is stored as W_decᵀ (its correlations).
      sae.W_enc = transpose(run.params.W_dec, run.width, run.dIn);
    },
  }),
  async openEncoder(sae, slots, options) {
    // The pursuit's `slots` steps in the graph, each row's repeated atoms merged into one slot.
    const { dIn, width, residualThreshold = 0 } = sae.cfg;
    const session = await MpSession.open(sae, { dIn, width, steps: slots, residualThreshold }, options.threads, options.device);
    return {
      run: async (x, rows) => mergeMpSteps(await session.run(x, rows), rows, slots),
      close: () => session.close(),
    };
  },
  saeLens: {
    architecture: 'mp',
    marked: false,
    fields: (cfg) => ({ k: cfg.k }),
    metadata: (cfg) => ({ atlas_residual_threshold: cfg.residualThreshold ?? 0 }),
    read({ json, metadata, fail }) {
      const k = topKField(json, fail);
      // The pursuit runs on x − b_dec; there is no encoder bias to fold a missing b_dec into.
      if (json.apply_b_dec_to_input === false) fail('an mp SAE must have "apply_b_dec_to_input": true');
      const threshold = metadata.atlas_residual_threshold ?? 0;
      if (typeof threshold !== 'number' || !(threshold >= 0)) {
        fail(`"metadata.atlas_residual_threshold" must be a number >= 0, got ${JSON.stringify(threshold)}`);
      }
      return { k, residualThreshold: threshold as number };
    },
  },
};
