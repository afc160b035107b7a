import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CompareError } from './compare-error.ts';

export type TokenizerComparison = { same: true } | { same: false; reason: string };

interface TokenizerJson {
  normalizer?: unknown;
  pre_tokenizer?: unknown;
  added_tokens?: { id: number; content: string }[];
  model?: { type?: string; vocab?: Record<string, number>; merges?: (string | string[])[] };
}

async function readTokenizer(dir: string): Promise<TokenizerJson> {
  const file = path.join(dir, 'tokenizer.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as TokenizerJson;
  } catch (error) {
    throw new CompareError(`Cannot read ${file} to check the two models tokenize alike: ${(error as Error).message}`, { cause: error });
  }
}

const merge = (entry: string | string[] | undefined) => (Array.isArray(entry) ? entry.join(' ') : entry);
const json = (value: unknown) => JSON.stringify(value ?? null);

/**
 * Whether two Hugging Face tokenizer folders turn text into the same ids: same vocabulary (token
 * → id), merges, added tokens, normaliser and pre-tokeniser. The first difference is the reason.
 */
export async function compareTokenizers(dirA: string, dirB: string): Promise<TokenizerComparison> {
  const [a, b] = await Promise.all([readTokenizer(dirA), readTokenizer(dirB)]);
  if (a.model?.type !== b.model?.type) return { same: false, reason: `their tokenizer models differ (${a.model?.type} vs ${b.model?.type})` };
  const vocabA = a.model?.vocab ?? {};
  const vocabB = b.model?.vocab ?? {};
  const sizeA = Object.keys(vocabA).length;
  const sizeB = Object.keys(vocabB).length;
  if (sizeA !== sizeB) return { same: false, reason: `their vocabularies differ in size (${sizeA.toLocaleString('en-US')} vs ${sizeB.toLocaleString('en-US')} tokens)` };
  for (const [token, id] of Object.entries(vocabA)) {
    if (vocabB[token] !== id) return { same: false, reason: `token ${JSON.stringify(token)} is id ${id} in one and ${vocabB[token] ?? 'absent'} in the other` };
  }
  const mergesA = a.model?.merges ?? [];
  const mergesB = b.model?.merges ?? [];
  const rank = mergesA.findIndex((entry, i) => merge(entry) !== merge(mergesB[i]));
  if (rank >= 0 || mergesA.length !== mergesB.length) {
    const at = rank >= 0 ? rank : Math.min(mergesA.length, mergesB.length);
    return { same: false, reason: `their BPE merges differ from rank ${at} (${json(merge(mergesA[at]))} vs ${json(merge(mergesB[at]))})` };
  }
  if (json(a.added_tokens?.map((t) => [t.id, t.content])) !== json(b.added_tokens?.map((t) => [t.id, t.content]))) {
    return { same: false, reason: 'their added (special) tokens differ' };
  }
  if (json(a.normalizer) !== json(b.normalizer)) return { same: false, reason: 'their normalisers differ' };
  if (json(a.pre_tokenizer) !== json(b.pre_tokenizer)) return { same: false, reason: 'their pre-tokenisers differ' };
  return { same: true };
}

/** Refuses activation correlation between models that do not share a tokenizer: the same text would not be the same tokens. */
export async function requireSameTokenizer(dirA: string, dirB: string): Promise<void> {
  const comparison = await compareTokenizers(dirA, dirB);
  if (!comparison.same) {
    throw new CompareError(
      `Activation correlation runs the same tokens through both models, but the models in ${dirA} and ${dirB} tokenize differently: ` +
        `${comparison.reason}. Compare SAEs of models that share a tokenizer (or SAEs of one model by decoder cosine).`,
    );
  }
}
