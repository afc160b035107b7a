import { addLabels, featuresLabelledBy, getLogitEffects, getSaesByIds, getTopActivations, listFeatures, type AtlasDb } from '@atlas/db';
import { LLM_LABEL_METHOD, type LabelEvidence, type LlmLabeller } from '@atlas/labels';
import { UserError } from '../errors.ts';
import type { ProgressFactory } from '../progress.ts';
import { indexForSearch } from './search-index.ts';

export interface LlmLabelOptions {
  saeId: string;
  labeller: LlmLabeller;
  progress: ProgressFactory;
  log: (line: string) => void;
  /** Label at most this many features (lowest indices first); all by default. */
  limit?: number;
  /** Features per database page and per stored batch. */
  batchSize?: number;
}

export interface LlmLabelResult {
  labelled: number;
  /** Already labelled by this model in an earlier run. */
  skipped: number;
  failed: number;
}

/**
 * Labels an SAE's live features with an LLM, batch by batch: each batch is stored in one
 * transaction as it finishes, and features this model already labelled are skipped, so an
 * interrupted run resumes where it stopped. Dead features (no evidence) are left alone.
 */
export async function labelSaeWithLlm(db: AtlasDb, options: LlmLabelOptions): Promise<LlmLabelResult> {
  const { saeId, labeller, log } = options;
  const [sae] = await getSaesByIds(db, [saeId]);
  if (!sae) throw new UserError(`No complete SAE "${saeId}" in the database; \`atlas build-demo\` or \`atlas build\` it first (--sae takes an SAE id).`, { code: 'NOT_FOUND' });
  const total = Math.min(options.limit ?? sae.width, sae.width);
  const batchSize = options.batchSize ?? 64;
  const result: LlmLabelResult = { labelled: 0, skipped: 0, failed: 0 };
  const bar = options.progress(`LLM labels (${labeller.model})`, total, 'features');
  let firstError: Error | undefined;
  try {
    for (let afterIndex: number | null = null, seen = 0; seen < total; ) {
      const features = await listFeatures(db, { saeId, afterIndex, limit: Math.min(batchSize, total - seen) });
      if (features.length === 0) break;
      afterIndex = features.at(-1)!.index;
      seen += features.length;
      const live = features.filter((feature) => !feature.isDead).map((feature) => feature.id);
      const done = await featuresLabelledBy(db, live, { source: 'llm', authorModel: labeller.model });
      const todo = live.filter((id) => !done.has(id));
      result.skipped += features.length - todo.length;
      const evidence = await evidenceFor(db, todo);
      const labels = await labeller.labelAll(evidence);
      const rows = todo.flatMap((featureId, i) => {
        const label = labels[i]!;
        if (label instanceof Error) {
          result.failed += 1;
          firstError ??= label;
          return [];
        }
        return [{ featureId, text: label, source: 'llm' as const, method: LLM_LABEL_METHOD, authorModel: labeller.model }];
      });
      result.labelled += await addLabels(db, rows);
      bar.update(seen, { failed: result.failed });
      // A whole batch failing means a setup problem (URL, key, model name), not a flaky feature.
      if (todo.length > 0 && rows.length === 0) throw firstError!;
    }
  } finally {
    bar.stop();
  }
  if (firstError) log(`${result.failed} feature(s) were not labelled; the first error: ${firstError.message}`);
  // New labels make their features findable by them: refresh the documents that changed.
  if (result.labelled > 0) await indexForSearch(db, saeId, options);
  return result;
}

async function evidenceFor(db: AtlasDb, featureIds: number[]): Promise<LabelEvidence[]> {
  const [tops, effects] = await Promise.all([getTopActivations(db, featureIds, 20), getLogitEffects(db, featureIds)]);
  return featureIds.map((id) => ({
    contexts: (tops.get(id) ?? []).map((top) => ({ tokens: top.tokens, maxPosition: top.maxPosition, maxValue: top.maxValue })),
    promotedTokens: (effects.get(id)?.positive ?? []).slice(0, 10).map((effect) => effect.token),
  }));
}
