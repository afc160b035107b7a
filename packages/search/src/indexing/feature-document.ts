import type { FeatureSearchEvidence, SearchDocumentPart } from '@atlas/db';
import { wordAround } from '@atlas/labels';

/** The text of a feature's search document, before embedding. */
export interface FeatureDocumentText {
  /** Every label, one per line. */
  labelText: string;
  labelSources: ('human' | 'machine' | 'llm')[];
  /** The word at each top context's peak, once per context (so a dominant word weighs more). */
  peakText: string;
  /** The words around each peak. */
  contextText: string;
  parts: SearchDocumentPart[];
  /** What the embedder reads: labels, then peak words, then context. */
  embedText: string;
}

/** Bump when the document text or its parts change: every document is then rebuilt. */
export const SEARCH_DOCUMENT_VERSION = 1;

/** Tokens shown before and after a peak in `contextText`. */
const BEFORE = 6;
const AFTER = 3;
const PEAK_WORDS_SHOWN = 8;

/**
 * A feature's search document from its labels and evidence, so a feature with a poor label is
 * still found by what it fires on. Null for a feature with neither (a dead feature).
 */
export function featureDocumentText(evidence: Pick<FeatureSearchEvidence, 'labels' | 'contexts'>): FeatureDocumentText | null {
  const contexts = evidence.contexts.filter((context) => context.tokens[context.maxPosition] !== undefined);
  if (evidence.labels.length === 0 && contexts.length === 0) return null;
  const peaks = contexts.map((context) => oneLine(wordAround(context.tokens, context.maxPosition)));
  const snippets = contexts.map((context) => oneLine(snippet(context.tokens, context.maxPosition)));
  const labelText = evidence.labels.map((label) => oneLine(label.text)).join('\n');
  const peakText = peaks.join(' ');
  const contextText = snippets.join(' … ');
  const parts: SearchDocumentPart[] = [
    ...evidence.labels.map((label) => ({ kind: 'label' as const, source: label.source, method: label.method, text: oneLine(label.text) })),
    ...(peaks.length > 0 ? [{ kind: 'peaks' as const, text: peakSummary(peaks) }] : []),
    ...(snippets.length > 0 ? [{ kind: 'contexts' as const, text: contextText }] : []),
  ];
  return {
    labelText, labelSources: [...new Set(evidence.labels.map((label) => label.source))], peakText, contextText, parts,
    embedText: [labelText, peakText, contextText].filter((text) => text.length > 0).join('\n'),
  };
}

/** A token with no leading space that starts with a letter continues a word (BPE pieces), or starts the text. */
const continuesWord = (token: string | undefined) => /^\p{L}/u.test(token ?? '');

/**
 * The tokens around a peak trimmed to whole words, so no piece of a cut word ("ipladen") is
 * indexed: leading pieces are dropped (the word's start is outside the window), and the end stops
 * before a word the window would cut.
 */
function snippet(tokens: readonly string[], peak: number): string {
  let start = Math.max(0, peak - BEFORE);
  let end = Math.min(tokens.length, peak + AFTER + 1);
  while (start < peak && continuesWord(tokens[start])) start += 1;
  while (end > peak + 1 && end < tokens.length && continuesWord(tokens[end])) end -= 1;
  return tokens.slice(start, end).join('');
}

/** `whale ×12 · whales ×3`: the peak words by how many top contexts peak on them (case-insensitive). */
function peakSummary(peaks: readonly string[]): string {
  const counts = new Map<string, { word: string; count: number }>();
  for (const peak of peaks) {
    const key = peak.toLowerCase();
    const entry = counts.get(key) ?? { word: peak, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()]
    .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : 1))
    .slice(0, PEAK_WORDS_SHOWN)
    .map(({ word, count }) => `${word} ×${count}`)
    .join(' · ');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
