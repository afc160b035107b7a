import { DEFAULT_GBA, GbaWindow, gbaBiasUpdate, gbaGroups, validateGba } from '../training/group-bias-adaptation.ts';
import type { GbaSettings } from '../training/group-bias-adaptation.ts';
import type { SaeArchitecture } from './architecture.ts';
import { planCodeCap, readCodeCap } from './code-cap.ts';
import { openGraphEncoder, openTrainingGraph } from './graph-encoders.ts';

/**
 * Group Bias Adaptation (Chen et al. 2025; `training/group-bias-adaptation.ts`): z = ReLU(pre),
 * reconstruction loss only; the encoder biases are not trained by Adam but moved every
 * `gbaInterval` steps towards per-group target firing frequencies, from statistics the graph
 * reduces (`fired`, `pre_max`). Saved as SAELens `standard`, marked `atlas_architecture: "gba"`.
 */
export const gba: SaeArchitecture<'gba', { gba: GbaSettings }> = {
  name: 'gba',
  summary: 'ReLU(pre), encoder biases set by Group Bias Adaptation',
  needsK: false,
  auxK: false,
  wholeBatch: false,
  extraWeights: [],
  plan: (options) => ({
    ...planCodeCap(options),
    sparsityCoefficient: 0,
    settings: {
      gba: validateGba(
        {
          groups: options.gbaGroups ?? DEFAULT_GBA.groups,
          interval: options.gbaInterval ?? DEFAULT_GBA.interval,
          maxFrequency: options.gbaMaxFrequency ?? DEFAULT_GBA.maxFrequency,
          minFrequency: options.gbaMinFrequency ?? DEFAULT_GBA.minFrequency,
          step: options.gbaStep ?? DEFAULT_GBA.step,
          deadFrequency: options.gbaDeadFrequency ?? DEFAULT_GBA.deadFrequency,
        },
        options.width,
      ),
    },
  }),
  train(run) {
    const settings = run.settings.gba;
    const window = new GbaWindow(run.width);
    const groups = gbaGroups(run.width, settings);
    run.optimiser.trainEncoderBias = false;
    return {
      openSession: openTrainingGraph(run, { mode: 'topk', stats: true }),
      gbaWindow: window,
      afterStep(step) {
        if (step % settings.interval !== 0 && step !== run.totalSteps) return;
        gbaBiasUpdate(run.params.b_enc, window.fired, window.maxPre, window.rows, groups, settings);
        window.reset();
      },
    };
  },
  openEncoder: (sae, slots, options) => openGraphEncoder(sae, slots, 'topk', options),
  saeLens: {
    architecture: 'standard',
    marked: true,
    metadata: (cfg) => ({ atlas_max_active: cfg.k }),
    read: (reading) => ({ k: readCodeCap(reading) }),
  },
};
