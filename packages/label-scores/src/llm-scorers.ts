import type { ScoringContext } from '@atlas/db';
import type { ChatClient, ChatMessage } from '@atlas/labels';
import { mulberry32 } from '@atlas/random';
import { windowText } from './held-out-contexts.ts';
import { balancedAccuracy } from './roc-auc.ts';
import type { ScoreResult } from './embedding-scorer.ts';

export const DETECTION_SCORER = 'detection';
export const FUZZING_SCORER = 'fuzzing';
/** Bump when a prompt or the reply parsing changes; the model name is part of the stored version too. */
const LLM_SCORER_REVISION = 1;

/** The stored version of an LLM scorer: its prompt revision and the model that answered. */
export function llmScorerVersion(model: string): string {
  return `${LLM_SCORER_REVISION}/${model}`;
}

const DETECTION_SYSTEM = [
  'You check explanations of features of a sparse autoencoder trained on a language model.',
  'You are given the explanation of one feature and one text excerpt.',
  'Answer "yes" if the feature, as explained, fires on some token of the excerpt, else "no". Reply with one word.',
].join(' ');

const FUZZING_SYSTEM = [
  'You check explanations of features of a sparse autoencoder trained on a language model.',
  'You are given the explanation of one feature and one text excerpt in which some tokens are marked «like this».',
  'Answer "yes" if the marked tokens are the ones where the feature, as explained, fires, else "no". Reply with one word.',
].join(' ');

export function detectionPrompt(label: string, excerpt: string): ChatMessage[] {
  return [
    { role: 'system', content: DETECTION_SYSTEM },
    { role: 'user', content: `Explanation: ${label}\nExcerpt: ${excerpt}\nDoes the feature fire in this excerpt?` },
  ];
}

export function fuzzingPrompt(label: string, markedExcerpt: string): ChatMessage[] {
  return [
    { role: 'system', content: FUZZING_SYSTEM },
    { role: 'user', content: `Explanation: ${label}\nExcerpt: ${markedExcerpt}\nAre the marked tokens where the feature fires?` },
  ];
}

/** A reply means yes when its first word is "yes" (any case, quotes and punctuation ignored). */
export function saidYes(reply: string): boolean {
  return /^\W*yes\b/i.test(reply.trim());
}

/**
 * Detection (Eleuther's autointerp): the LLM sees the label and one excerpt at a time and says
 * whether the feature fires; score = balanced accuracy over activating vs non-activating
 * excerpts. A request that fails after the client's retries fails the label (it is not scored,
 * so a rerun tries it again).
 */
export async function detectionScore(client: ChatClient, label: string, positives: ScoringContext[], negatives: ScoringContext[]): Promise<ScoreResult> {
  const items = [...positives.map((c) => ({ c, positive: true })), ...negatives.map((c) => ({ c, positive: false }))];
  const replies = await client.completeAll(items, (item) => client.complete(detectionPrompt(label, windowText(item.c)), 3));
  return judge(items, replies);
}

/**
 * Fuzzing (Eleuther's autointerp): each activating excerpt is shown twice, once with its firing
 * tokens (inside the window) marked and once with as many non-firing tokens marked, drawn with a
 * seeded PRNG; the LLM says whether the marks are right; score = balanced accuracy over correctly
 * vs wrongly marked excerpts.
 */
export async function fuzzingScore(client: ChatClient, label: string, positives: ScoringContext[], seed: number): Promise<ScoreResult> {
  const uniform = mulberry32(seed >>> 0);
  const items: { text: string; positive: boolean }[] = [];
  for (const context of positives) {
    const from = Math.max(0, context.peak - 8);
    const to = Math.min(context.tokens.length, context.peak + 9);
    const inWindow = (p: number) => p >= from && p < to;
    const firing = context.firing.filter(inWindow);
    const firingSet = new Set(firing);
    const quiet = [] as number[];
    for (let p = from; p < to; p += 1) if (!firingSet.has(p)) quiet.push(p);
    if (firing.length === 0 || quiet.length === 0) continue;
    const wrong: number[] = [];
    while (wrong.length < Math.min(firing.length, quiet.length)) {
      const [p] = quiet.splice(Math.floor(uniform() * quiet.length), 1);
      wrong.push(p!);
    }
    items.push({ text: windowText(context, firing), positive: true }, { text: windowText(context, wrong), positive: false });
  }
  const replies = await client.completeAll(items, (item) => client.complete(fuzzingPrompt(label, item.text), 3));
  return judge(items, replies);
}

function judge(items: readonly { positive: boolean }[], replies: readonly (string | Error)[]): ScoreResult {
  const failed = replies.find((reply): reply is Error => reply instanceof Error);
  if (failed) throw failed;
  const yes = replies.map((reply) => saidYes(reply as string));
  const pos = yes.filter((_, i) => items[i]!.positive);
  const neg = yes.filter((_, i) => !items[i]!.positive);
  return { score: balancedAccuracy(pos, neg), nPos: pos.length, nNeg: neg.length };
}
