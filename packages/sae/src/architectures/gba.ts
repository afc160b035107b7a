import { DEFAULT_GBA, GBA_OUTPUT_SCALES, GbaWindow, gbaBiasUpdate, gbaGroups, validateGba } from '../training/group-bias-adaptation.ts';
import type { GbaOutputScales, GbaSettings } from '../training/group-bias-adaptation.ts';
import { EncoderSession } from '../encoding/encoder-session.ts';
import { quantileBiasStart } from '../training/gba-bias-start.ts';
import { transpose } from '../training/matrix.ts';
import { fitOutputScales } from '../training/output-scale-fit.ts';
import { accumulateTiedBackward } from '../training/tied-backward.ts';
import { SaeError } from '../sae-error.ts';
import { validateK } from '../validate.ts';
import type { ArchitectureOptions } from './architecture-options.ts';
import type { SaeArchitecture, SessionOptions, TrainingSession } from './architecture.ts';
import { DEFAULT_MAX_ACTIVE, readCodeCap } from './code-cap.ts';
import { openGraphEncoder } from './graph-encoders.ts';

/**
 * Group Bias Adaptation in the paper's tied form (Chen et al. 2025). Each neuron m is one unit
 * vector w_m (kept in `W_dec`), used as encoder and decoder row, with an output scale a_m, and a
 * pre-bias b_pre (`b_dec`): u_m = w_m·(x − b_pre), z_m = u_m·[u_m + b_m > 0] (a threshold gate: the
 * bias decides whether the neuron fires, not how much it outputs), x̂ = Σ_m a_m z_m w_m + b_pre.
 * The loss is plain reconstruction; Adam moves w (radial part of the gradient removed, rows
 * renormalised after each step; `training/tied-backward.ts`); b gets no gradient and is moved
 * only by the adaptation rule (`training/group-bias-adaptation.ts`) every `gbaInterval` steps,
 * from the firing counts and largest margins u + b the graph reduces. `gbaOutputScales`: `fixed`
 * (default) holds a small and b_pre at the data mean while the neurons learn, as the paper's
 * theory has it (x̂ ≈ b_pre, so each neuron's update is driven by the rows it fires on), then fits
 * a by least squares on the evaluation sample (`training/output-scale-fit.ts`); `trained` lets
 * Adam move a and b_pre with the neurons (full reconstruction: on the recovery benchmark the
 * neurons then share the work and align with no feature).
 *
 * Saved as a SAELens `jumprelu` SAE (marked `atlas_architecture: "gba"`), which computes exactly
 * this: W_enc[:, m] = w_m (unit columns), b_enc = 0, threshold θ_m = −b_m, W_dec[m] = a_m·w_m (so
 * W_enc[:, m] = W_dec[m] / a_m: decoder rows have norm |a_m|), b_dec = b_pre.
 */
export const gba: SaeArchitecture<'gba', { gba: GbaSettings; outputScales: GbaOutputScales; initialOutputScale: number }> = {
  name: 'gba',
  summary: 'tied unit-norm neurons with output scales, threshold gates set by Group Bias Adaptation',
  needsK: false,
  auxK: false,
  wholeBatch: false,
  extraWeights: ['threshold'],
  plan(options) {
    const settings = validateGba(
      {
        groups: options.gbaGroups ?? DEFAULT_GBA.groups,
        interval: options.gbaInterval ?? DEFAULT_GBA.interval,
        maxFrequency: options.gbaMaxFrequency ?? DEFAULT_GBA.maxFrequency,
        minFrequency: options.gbaMinFrequency ?? DEFAULT_GBA.minFrequency,
        step: options.gbaStep ?? DEFAULT_GBA.step,
        deadFrequency: options.gbaDeadFrequency ?? DEFAULT_GBA.deadFrequency,
        biasStart: options.gbaBiasStart ?? DEFAULT_GBA.biasStart,
      },
      options.width,
    );
    const expected = expectedActive(options.width, settings);
    const slots = codeCap(options, expected);
    const initialOutputScale = options.gbaInitialOutputScale ?? 1 / Math.max(1, expected);
    if (!Number.isFinite(initialOutputScale)) throw new SaeError(`gba: gbaInitialOutputScale must be a finite number, got ${initialOutputScale}.`);
    const outputScales = options.gbaOutputScales ?? 'fixed';
    if (!(GBA_OUTPUT_SCALES as readonly string[]).includes(outputScales)) {
      throw new SaeError(`gba: gbaOutputScales must be one of ${GBA_OUTPUT_SCALES.join(', ')}, got ${JSON.stringify(outputScales)}.`);
    }
    return { k: slots, slots, sparsityCoefficient: 0, settings: { gba: settings, outputScales, initialOutputScale } };
  },
  train(run) {
    const { params, state, width, dIn, optimiser } = run;
    const settings = run.settings.gba;
    const window = new GbaWindow(width);
    const groups = gbaGroups(width, settings);
    params.outputScale = new Float32Array(width).fill(run.settings.initialOutputScale);
    optimiser.trainEncoderBias = false;
    optimiser.trainEncoder = false;
    const fixed = run.settings.outputScales === 'fixed';
    optimiser.trainOutputScale = !fixed;
    optimiser.trainDecoderBias = !fixed;
    // The graph reads the neurons as its encoder with no bias, and gates at θ = −b.
    const noBias = new Float32Array(width);
    const open = (options: SessionOptions, stats: boolean) =>
      EncoderSession.open(
        { W_encT: params.W_dec, b_enc: noBias, b_dec: params.b_dec, threshold: state.threshold },
        { dIn, width, slots: run.slots, mode: 'threshold', stats },
        options.threads,
        options.device,
      );
    return {
      openSession: (options) => open(options, true),
      accumulate: accumulateTiedBackward,
      gbaWindow: window,
      async start({ sample, sampleRows, session }) {
        if (settings.biasStart === 'quantile') params.b_enc.set(await quantileBiasStart(params.W_dec, params.b_dec, sample, sampleRows, groups, session));
      },
      beforeStep() {
        for (let j = 0; j < width; j++) state.threshold[j] = -params.b_enc[j]!;
      },
      afterStep(step) {
        if (step % settings.interval !== 0 && step !== run.totalSteps) return;
        gbaBiasUpdate(params.b_enc, window.fired, window.maxPre, window.rows, groups, settings);
        window.reset();
      },
      async finish(sae, { sample, sampleRows, session }) {
        const a = params.outputScale!;
        if (fixed) await fitScales(a, params.W_dec, params.b_dec, sample, Math.min(sampleRows, FIT_ROWS), run.slots, await open(session, false));
        sae.W_enc = transpose(params.W_dec, width, dIn);
        sae.W_dec = params.W_dec.slice();
        for (let m = 0; m < width; m++) for (let d = 0; d < dIn; d++) sae.W_dec[m * dIn + d] = sae.W_dec[m * dIn + d]! * a[m]!;
        sae.threshold = Float32Array.from(params.b_enc, (b) => -b);
        sae.b_enc = new Float32Array(width);
      },
    };
  },
  openEncoder: (sae, slots, options) => openGraphEncoder(sae, slots, 'threshold', options),
  saeLens: {
    architecture: 'jumprelu',
    marked: true,
    metadata: (cfg) => ({ atlas_max_active: cfg.k }),
    read: (reading) => ({ k: readCodeCap(reading) }),
  },
};

/** Rows of the evaluation sample the output scales are fitted on, and conjugate-gradient iterations. */
const FIT_ROWS = 4096;
const FIT_ITERATIONS = 50;

/** Least-squares output scales on `rows` sample rows, from their codes under the trained neurons and gates. */
async function fitScales(
  a: Float32Array, W: Float32Array, bPre: Float32Array, sample: Float32Array, rows: number, slots: number, session: TrainingSession,
): Promise<void> {
  const dIn = bPre.length;
  let codes;
  try {
    codes = await session.run(sample.subarray(0, rows * dIn), rows);
  } finally {
    await session.close();
  }
  const centred = Float64Array.from(sample.subarray(0, rows * dIn), (v, i) => v - bPre[i % dIn]!);
  fitOutputScales(a, W, centred, rows, codes, slots, FIT_ITERATIONS);
}

/** Firing neurons per row when every group meets its target: (width / K)·Σ_g target_g (about width/10 at the defaults). */
function expectedActive(width: number, settings: GbaSettings): number {
  const { target } = gbaGroups(width, settings);
  return (width / settings.groups) * target.reduce((sum, t) => sum + t, 0);
}

/** Code slots per row: `maxActive`, else twice the expected firing count (at least min(width, 256)). */
function codeCap({ maxActive, width }: ArchitectureOptions, expected: number): number {
  if (maxActive !== undefined) {
    validateK(maxActive, width);
    return maxActive;
  }
  return Math.min(width, Math.max(DEFAULT_MAX_ACTIVE, Math.ceil(2 * expected)));
}
