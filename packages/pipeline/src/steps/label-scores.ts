import type { AtlasDb } from '@atlas/db';
import { loadConfiguredEmbedder, type Embedder } from '@atlas/embed';
import type { ChatClient } from '@atlas/labels';
import { scoreSaeLabels, type LabelScorerName, type ScoreSaeLabelsResult } from '@atlas/label-scores';
import type { ProgressFactory } from '../progress.ts';

/**
 * Scores the SAE's labels that this scorer version has not scored (resumable), with a progress
 * bar (rate, ETA) and one summary line. The build runs the embedding scorer (cheap) after the
 * search index, with the same embedder; `atlas score-labels` runs any scorer.
 */
export async function scoreLabels(
  db: AtlasDb,
  saeId: string,
  context: { progress: ProgressFactory; log: (line: string) => void; scorer?: LabelScorerName; embedder?: Embedder; chat?: ChatClient; seed?: number },
): Promise<ScoreSaeLabelsResult> {
  const scorer = context.scorer ?? 'embedding';
  const embedder = scorer === 'embedding' ? (context.embedder ?? (await loadConfiguredEmbedder())) : undefined;
  let bar: ReturnType<ProgressFactory> | undefined;
  try {
    const result = await scoreSaeLabels(db, {
      saeId, scorer,
      ...(embedder ? { embedder } : {}),
      ...(context.chat ? { chat: context.chat } : {}),
      ...(context.seed === undefined ? {} : { seed: context.seed }),
      onProgress: (done, total) => (bar ??= context.progress(`${scorer} label scores`, total, 'labels')).update(done),
    });
    if (result.pending > 0 || result.scored > 0) {
      const rate = result.seconds > 0 ? (result.scored / result.seconds).toFixed(1) : '0';
      context.log(
        `Label scores (${scorer} ${result.scorerVersion}) of ${saeId}: ${result.scored} scored (${rate} labels/s), ` +
          `${result.unscorable} unscorable, ${result.notHeldOut} on partly seen contexts, in ${result.seconds.toFixed(1)} s.`,
      );
    }
    return result;
  } finally {
    bar?.stop();
  }
}
