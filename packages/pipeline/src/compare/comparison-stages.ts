import type { AtlasDb } from '@atlas/db';
import type { Progress, ProgressFactory } from '../progress.ts';
import { compareSingletonKey, type CompareRequest } from './compare-request.ts';
import { runComparison, type ComparisonOutcome } from './run-comparison.ts';

/** One comparison a build runs after its SAEs are in (issue 12's demo content). */
export interface ComparisonStage {
  /** What the progress bar and the log call it, e.g. `cross-width decoder cosine`. */
  label: string;
  request: Pick<CompareRequest, 'saeA' | 'saeB' | 'method'> & Partial<CompareRequest>;
}

/** Tokens the demo's encoding comparisons run: enough for co-firing statistics, a few seconds of model time. */
export const DEMO_COMPARISON_TOKENS = 16_384;

/**
 * The demo's comparisons, one of each kind, for the SAEs `build-demo --with-comparisons` builds:
 * cross-width (the narrow and the wide SAE on one hook: decoder cosine, then families narrow → wide),
 * cross-seed (two seeds of the wide SAE: decoder cosine) and cross-model (the wide SAE against the
 * second LM's: activation correlation over the same tokens). Sizes: decoder cosine is weights only
 * (widths × d_in); families and activation correlation run `tokens` tokens of A's corpus.
 */
export function demoComparisonStages(ids: { narrow: string; wide: string; seed?: string; otherModel?: string }, tokens = DEMO_COMPARISON_TOKENS): ComparisonStage[] {
  const stages: ComparisonStage[] = [
    { label: 'cross-width decoder cosine', request: { saeA: ids.narrow, saeB: ids.wide, method: 'decoder-cosine' } },
    { label: 'cross-width families', request: { saeA: ids.narrow, saeB: ids.wide, method: 'families', tokens } },
  ];
  if (ids.seed) stages.push({ label: 'cross-seed decoder cosine', request: { saeA: ids.wide, saeB: ids.seed, method: 'decoder-cosine' } });
  if (ids.otherModel) stages.push({ label: 'cross-model activation correlation', request: { saeA: ids.wide, saeB: ids.otherModel, method: 'activation-correlation', tokens } });
  return stages;
}

export interface ComparisonStageOutcome extends ComparisonOutcome {
  label: string;
}

/**
 * Runs comparisons as build stages, reporting through the build's own progress factory (one bar per
 * step, as the other stages draw theirs). Resumable and idempotent: a stage whose comparison is
 * stored already is reused (runComparison), and a stage cut off midway stored nothing (its rows are
 * written in one transaction), so a rerun computes only what is missing. The run key is the stage's
 * pair and method, so the rows of a retried stage replace its own.
 */
export async function runComparisonStages(
  db: AtlasDb,
  stages: ComparisonStage[],
  context: { progress: ProgressFactory; log: (line: string) => void; signal?: AbortSignal },
): Promise<ComparisonStageOutcome[]> {
  const outcomes: ComparisonStageOutcome[] = [];
  for (const { label, request } of stages) {
    let bar: { step: string; progress: Progress } | undefined;
    try {
      const outcome = await runComparison(db, { seed: 0, tokens: DEMO_COMPARISON_TOKENS, ...request }, {
        runKey: `build:${compareSingletonKey(request)}`,
        ...(context.signal ? { signal: context.signal } : {}),
        onProgress: ({ stage, done, total }) => {
          if (bar?.step !== stage) {
            bar?.progress.stop();
            bar = { step: stage, progress: context.progress(`compare ${label}: ${stage}`, total, 'steps') };
          }
          bar.progress.update(done);
        },
        log: context.log,
      });
      if (!outcome.reused) context.log(`Compared ${request.saeA} → ${request.saeB} (${label}): run ${outcome.run.id}, ${outcome.run.matchCount} match edges.`);
      outcomes.push({ ...outcome, label });
    } finally {
      bar?.progress.stop();
    }
  }
  return outcomes;
}
