import type { FeatureExampleContexts, LabelSource, ScoringContext } from '@atlas/db';
import { mulberry32 } from '@atlas/random';

/** Tokens either side of the peak in the text a scorer sees (the search index uses the same window). */
export const CONTEXT_WINDOW = 8;
/** Top contexts the LLM labeller is shown (`PROMPT_CONTEXTS` in @atlas/labels): later ranks are held out from LLM labels. */
export const LLM_LABEL_CONTEXTS = 12;
/** Activating contexts per feature at most (and as many non-activating ones). */
export const MAX_POSITIVES = 20;
/** Below this many held-out activating contexts, the weakest top contexts fill in (the label saw them: said in `heldOut`). */
export const MIN_POSITIVES = 8;

export type HeldOutContexts = {
  positives: ScoringContext[];
  negatives: ScoringContext[];
  /** False when some positives are top contexts the label's maker may have seen (too few held-out ones). */
  heldOut: boolean;
};

/**
 * The contexts a label is scored on (the package README says the same in words):
 * - activating: the feature's `quantile` examples (no labeller sees them), then, for LLM labels,
 *   its `top` examples ranked after the first 12 (the ones its prompt showed); machine and human
 *   labels may have seen every top context, so those are used only to fill up to 8, weakest first;
 * - non-activating: as many contexts drawn without replacement from the pool (every context stored
 *   as an example of any feature of the SAE) that are not among this feature's examples, each cut
 *   to a window around a uniformly drawn position; seeded by the feature id, so reruns agree.
 */
export function heldOutContexts(
  label: { source: LabelSource },
  feature: FeatureExampleContexts | undefined,
  pool: readonly { contextId: number; tokens: string[] }[],
  seed: number,
): HeldOutContexts {
  const examples = feature?.examples ?? [];
  const quantile = examples.filter((e) => e.kind === 'quantile');
  const top = examples.filter((e) => e.kind === 'top').sort((a, b) => a.rank - b.rank);
  const unseenTop = label.source === 'llm' ? top.filter((e) => e.rank >= LLM_LABEL_CONTEXTS) : [];
  const positives: ScoringContext[] = [...quantile, ...unseenTop].slice(0, MAX_POSITIVES);
  let heldOut = true;
  if (positives.length < MIN_POSITIVES) {
    const taken = new Set(positives.map((p) => p.contextId));
    for (const extra of [...top].reverse()) {
      if (positives.length >= MIN_POSITIVES) break;
      if (taken.has(extra.contextId)) continue;
      positives.push(extra);
      heldOut = false;
    }
  }
  const own = new Set(examples.map((e) => e.contextId));
  const uniform = mulberry32((seed ^ Math.imul(feature?.featureId ?? 0, 0x9e3779b1)) >>> 0);
  const negatives: ScoringContext[] = [];
  const candidates = pool.filter((c) => !own.has(c.contextId) && c.tokens.length > 0);
  // Partial Fisher–Yates: the first n of a seeded shuffle.
  for (let i = 0; i < candidates.length && negatives.length < positives.length; i += 1) {
    const j = i + Math.floor(uniform() * (candidates.length - i));
    [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
    const chosen = candidates[i]!;
    negatives.push({ contextId: chosen.contextId, tokens: chosen.tokens, firing: [], peak: Math.floor(uniform() * chosen.tokens.length) });
  }
  return { positives, negatives, heldOut };
}

/** The window of a context around its peak as text; `mark` wraps the tokens at those positions in «…». */
export function windowText(context: ScoringContext, mark: readonly number[] = []): string {
  const from = Math.max(0, context.peak - CONTEXT_WINDOW);
  const to = Math.min(context.tokens.length, context.peak + CONTEXT_WINDOW + 1);
  const marked = new Set(mark);
  return context.tokens
    .slice(from, to)
    .map((token, i) => (marked.has(from + i) ? `«${token}»` : token))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}
