import type { LabelEvidence } from './evidence.ts';

/** Contexts shown to the LLM: enough to generalise from, few enough for a small local model. */
const PROMPT_CONTEXTS = 12;
/** Tokens either side of the peak. */
const WINDOW = 12;

const SYSTEM_PROMPT = [
  'You label features of a sparse autoencoder trained on a language model.',
  'You see text excerpts where one feature fires; the token where it fires most is marked «like this».',
  'Reply with one short label (at most 8 words) saying what the feature detects. No quotes, no explanation.',
].join(' ');

export type ChatMessage = { role: 'system' | 'user'; content: string };

/** The chat messages asking for a label of one feature. */
export function labelPrompt(evidence: LabelEvidence): ChatMessage[] {
  const excerpts = evidence.contexts.slice(0, PROMPT_CONTEXTS).map((context, i) => {
    const from = Math.max(0, context.maxPosition - WINDOW);
    const to = Math.min(context.tokens.length, context.maxPosition + WINDOW + 1);
    const text = context.tokens
      .slice(from, to)
      .map((token, j) => (from + j === context.maxPosition ? `«${token}»` : token))
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
    return `${i + 1}. (activation ${context.maxValue.toFixed(2)}) ${text}`;
  });
  const promoted = evidence.promotedTokens?.length
    ? `\nTokens this feature makes more likely next: ${evidence.promotedTokens.map((t) => JSON.stringify(t)).join(', ')}`
    : '';
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: `Excerpts, strongest first:\n${excerpts.join('\n')}${promoted}\n\nLabel:` },
  ];
}

/** The label in a model's reply: its first non-empty line without quotes or a "Label:" prefix; null if none. */
export function labelFromReply(content: string): string | null {
  const line = content.split('\n').map((l) => l.trim()).find((l) => l.length > 0);
  if (!line) return null;
  const cleaned = line.replace(/^label\s*:\s*/i, '').replace(/^["'«“]+|["'»”.]+$/g, '').trim();
  return cleaned.length === 0 ? null : cleaned.slice(0, 200);
}
