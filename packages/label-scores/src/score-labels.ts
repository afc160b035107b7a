import {
  countLabelScoreProgress, getFeatureExampleContexts, getSaeContextPool, getSaesByIds, listLabelVersionsToScore, upsertLabelScores,
  type AtlasDb, type LabelScoreInput, type LabelVersionToScore,
} from '@atlas/db';
import type { Embedder } from '@atlas/embed';
import type { ChatClient } from '@atlas/labels';
import { EMBEDDING_SCORER, embeddingScorerVersion, embeddingScores, type EmbeddingTask } from './embedding-scorer.ts';
import { heldOutContexts } from './held-out-contexts.ts';
import { LabelScoreError } from './label-score-error.ts';
import { DETECTION_SCORER, detectionScore, FUZZING_SCORER, fuzzingScore, llmScorerVersion } from './llm-scorers.ts';

export const LABEL_SCORERS = [EMBEDDING_SCORER, DETECTION_SCORER, FUZZING_SCORER] as const;
export type LabelScorerName = (typeof LABEL_SCORERS)[number];

/** Contexts drawn from for non-activating samples: enough variety, bounded memory. */
const CONTEXT_POOL_LIMIT = 5000;

export interface ScoreSaeLabelsOptions {
  saeId: string;
  scorer: LabelScorerName;
  /** For `embedding`: the configured embedder (`loadConfiguredEmbedder`). */
  embedder?: Embedder;
  /** For `detection` and `fuzzing`: an OpenAI-compatible chat client (`createChatClient`). */
  chat?: ChatClient;
  /** Seeds the non-activating samples and the fuzzing marks (default 0). */
  seed?: number;
  /** Labels read, scored and written per transaction (default 200 for embedding, 8 for LLM scorers). */
  pageSize?: number;
  /** Only this feature's labels (tests, spot checks). */
  featureIndex?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ScoreSaeLabelsResult {
  scorer: LabelScorerName;
  scorerVersion: string;
  /** Labels that needed a score when the run began (already scored ones are skipped: resumable). */
  pending: number;
  scored: number;
  /** Labels the scorer could not measure (no known word in the label, or no contexts). */
  unscorable: number;
  /** Scored labels whose activating contexts included top contexts the label's maker may have seen. */
  notHeldOut: number;
  seconds: number;
}

/**
 * Scores every label of an SAE (newest version of each, every source) that has no score from
 * this scorer version yet, page by page; each page's scores are written in one statement, so an
 * interrupted run keeps what it finished and the next run continues after it.
 */
export async function scoreSaeLabels(db: AtlasDb, options: ScoreSaeLabelsOptions): Promise<ScoreSaeLabelsResult> {
  const { saeId, scorer } = options;
  if (!LABEL_SCORERS.includes(scorer)) {
    throw new LabelScoreError(`Unknown scorer "${String(scorer)}"; use one of ${LABEL_SCORERS.join(', ')}.`);
  }
  if ((await getSaesByIds(db, [saeId])).length === 0) {
    throw new LabelScoreError(`No SAE "${saeId}" in this atlas; list them with \`atlas search --help\` or the API's saes query.`, { code: 'NOT_FOUND' });
  }
  const scorerVersion = scorerVersionOf(options);
  const started = performance.now();
  const { labels, scored: already } = await countLabelScoreProgress(db, { saeId, scorer, scorerVersion });
  const pending = options.featureIndex === undefined ? labels - already : Number.NaN;
  const result: ScoreSaeLabelsResult = { scorer, scorerVersion, pending, scored: 0, unscorable: 0, notHeldOut: 0, seconds: 0 };
  if (pending === 0) return result;
  const pool = await getSaeContextPool(db, saeId, CONTEXT_POOL_LIMIT);
  const seed = options.seed ?? 0;
  const pageSize = options.pageSize ?? (scorer === EMBEDDING_SCORER ? 200 : 8);
  let after = 0;
  let done = 0;
  for (;;) {
    const page = await listLabelVersionsToScore(db, {
      saeId, scorer, scorerVersion, afterVersionId: after, limit: pageSize,
      ...(options.featureIndex === undefined ? {} : { featureIndex: options.featureIndex }),
    });
    if (page.length === 0) break;
    after = page[page.length - 1]!.labelVersionId;
    const examples = await getFeatureExampleContexts(db, [...new Set(page.map((l) => l.featureId))]);
    const contexts = page.map((label) => heldOutContexts(label, examples.get(label.featureId), pool, seed));
    const rows: LabelScoreInput[] = [];
    const keep = (label: LabelVersionToScore, score: { score: number; nPos: number; nNeg: number } | null, heldOut: boolean) => {
      if (score === null || !Number.isFinite(score.score)) {
        result.unscorable += 1;
        return;
      }
      if (!heldOut) result.notHeldOut += 1;
      rows.push({ labelVersionId: label.labelVersionId, scorer, scorerVersion, ...score });
    };
    if (scorer === EMBEDDING_SCORER) {
      // One task per label (contexts differ by source: LLM labels hold out more top contexts).
      const tasks: EmbeddingTask[] = page.map((label, i) => ({ labels: [label.text], ...contexts[i]! }));
      const scores = await embeddingScores(options.embedder!, tasks);
      page.forEach((label, i) => keep(label, scores[i]![0] ?? null, contexts[i]!.heldOut));
    } else {
      for (const [i, label] of page.entries()) {
        const { positives, negatives, heldOut } = contexts[i]!;
        if (positives.length === 0 || negatives.length === 0) {
          keep(label, null, heldOut);
          continue;
        }
        const score = scorer === DETECTION_SCORER
          ? await detectionScore(options.chat!, label.text, positives, negatives)
          : await fuzzingScore(options.chat!, label.text, positives, (seed ^ label.labelVersionId) >>> 0);
        keep(label, score, heldOut);
      }
    }
    await upsertLabelScores(db, rows);
    result.scored += rows.length;
    done += page.length;
    options.onProgress?.(done, Number.isNaN(pending) ? done : Math.max(pending, done));
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

function scorerVersionOf(options: ScoreSaeLabelsOptions): string {
  if (options.scorer === EMBEDDING_SCORER) {
    if (!options.embedder) throw new LabelScoreError('The embedding scorer needs an embedder (loadConfiguredEmbedder()).');
    return embeddingScorerVersion(options.embedder);
  }
  if (!options.chat) {
    throw new LabelScoreError(
      `The ${options.scorer} scorer asks an LLM: pass --llm-url (an OpenAI-compatible server, e.g. http://localhost:8080/v1) and --llm-model.`,
    );
  }
  return llmScorerVersion(options.chat.model);
}
