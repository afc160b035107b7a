import type { Evaluation, EvaluationStage } from '@atlas/sae';
import type { Progress, ProgressFactory } from '@atlas/pipeline';

/** JSON has no NaN or ∞: those print as null. */
const finite = (value: number) => (Number.isFinite(value) ? value : null);

/**
 * Every metric of an evaluation as plain JSON, the same for `atlas eval`'s output and the
 * metrics.json `atlas train` writes.
 */
export function metricsReport(activations: string, cfg: { architecture: string; dIn: number; width: number; k: number }, evaluation: Evaluation) {
  const { atoms } = evaluation;
  return {
    activations,
    architecture: cfg.architecture,
    dIn: cfg.dIn,
    width: cfg.width,
    k: cfg.k,
    rows: evaluation.rows,
    l0: evaluation.l0,
    fvu: finite(evaluation.fvu),
    explainedVariance: finite(evaluation.explainedVariance),
    r2: finite(evaluation.r2),
    deadFraction: evaluation.deadFraction,
    denseFraction: evaluation.denseFraction,
    ...(atoms
      ? {
          coherence: atoms.coherence,
          aip: finite(atoms.aip),
          qStar: finite(atoms.qStar),
          maxUniqueSupport: finite(atoms.maxUniqueSupport),
          whiteningRidge: atoms.ridge,
        }
      : {}),
    supportSizes: evaluation.supportSizes,
    // float32 densities printed to the digits they hold (0.0167, not 0.016699999570846558)
    density: Array.from(evaluation.density, (value) => Number(value.toPrecision(7))),
  };
}

/** One progress bar per evaluation stage (on stderr), each stopped when the next begins. */
export function evaluationBars(progress: ProgressFactory) {
  const units: Record<EvaluationStage, string> = { reconstruction: 'rows', coherence: 'atoms', 'whitened cosines': 'rows' };
  let current: { stage: EvaluationStage; bar: Progress } | undefined;
  return {
    update(stage: EvaluationStage, done: number, total: number) {
      if (current?.stage !== stage) {
        current?.bar.stop();
        current = { stage, bar: progress(stage, total, units[stage]) };
      }
      current.bar.update(done);
    },
    stop() {
      current?.bar.stop();
      current = undefined;
    },
  };
}
