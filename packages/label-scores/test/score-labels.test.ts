import { createLabel, getFeaturesByIndex, getScoresOfLabels, ingestSaeAtlas, listFeatures, upsertModel, type AtlasDb, type IngestSaeInput } from '@atlas/db';
import { openTestPostgresDatabase } from '@atlas/db/testing';
import { openDatabase } from '@atlas/db';
import { loadWordVectorEmbedder } from '@atlas/embed';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { scoreSaeLabels } from '../src/index.ts';

const MODEL_ID = 'score-lm';
const SAE_ID = 'score-lm/blocks.0.hook_resid_post/topk-6';

/** Six features on readable themes; each has 3 top and 8 quantile contexts, its peak word in brackets. */
const THEMES: { label: string; words: string[] }[] = [
  { label: 'the sea and ships', words: ['sea', 'ship', 'sailor', 'waves', 'harbour', 'boat', 'ocean', 'sail', 'anchor', 'deck', 'crew'] },
  { label: 'money and payment', words: ['money', 'paid', 'dollars', 'price', 'coins', 'bank', 'cost', 'buy', 'pay', 'sold', 'cash'] },
  { label: 'war and soldiers', words: ['war', 'soldiers', 'army', 'battle', 'enemy', 'fight', 'guns', 'troops', 'attack', 'killed', 'fought'] },
  { label: 'food and eating', words: ['bread', 'ate', 'dinner', 'meat', 'eat', 'food', 'cheese', 'meal', 'cake', 'hungry', 'soup'] },
  { label: 'kings and queens', words: ['king', 'queen', 'crown', 'throne', 'prince', 'royal', 'kingdom', 'lord', 'castle', 'princess', 'reign'] },
  { label: 'rain and weather', words: ['rain', 'wind', 'storm', 'snow', 'cloud', 'weather', 'cold', 'sky', 'thunder', 'winter', 'sun'] },
];
const FRAMES = ['we saw the [X] that day', 'and then the [X] came near', 'she spoke of the [X] again', 'it was all about [X] for him'];

function tokens(text: string): string[] {
  return text.match(/\s?[\p{L}\p{N}']+|\s?[^\s\p{L}\p{N}]/gu) ?? [];
}

function atlasInput(): IngestSaeInput {
  const contexts: IngestSaeInput['contexts'] = [];
  const examples: IngestSaeInput['examples'] = [];
  const activations: IngestSaeInput['activations'] = [];
  THEMES.forEach((theme, featureIndex) => {
    theme.words.forEach((word, i) => {
      const sentence = FRAMES[i % FRAMES.length]!.replace('X', word);
      const marked = tokens(sentence.replace(/\[([^\]]+)\]/, '\u0001$1'));
      const maxPosition = marked.findIndex((token) => token.includes('\u0001'));
      const key = `f${featureIndex}-c${i}`;
      contexts.push({ key, documentId: key, startToken: 0, tokenIds: marked.map((_, j) => j), tokens: marked.map((t) => t.replace('\u0001', '')) });
      const top = i < 3;
      examples.push({ featureIndex, contextKey: key, kind: top ? 'top' : 'quantile', rank: top ? i : i - 3, maxValue: 5 - i * 0.3, maxPosition });
      activations.push({ featureIndex, contextKey: key, position: maxPosition, value: 5 - i * 0.3 });
    });
  });
  return {
    sae: {
      id: SAE_ID, modelId: MODEL_ID, hookName: 'blocks.0.hook_resid_post', architecture: 'topk', kind: 'sae', dIn: 4, width: THEMES.length, k: 2,
      trainingTokens: 1000, statisticsTokens: 1000, corpusName: 'score test', metrics: null,
    },
    checksum: 'score-test',
    corpus: { id: 'score-test', name: 'score test' },
    contexts,
    features: THEMES.map((_, index) => ({
      index, density: 0.01, maxActivation: 5, meanActivation: 1, decoder: Float32Array.of(1, 0, 0, 0), isDead: false, isDense: false,
    })),
    examples,
    activations,
    histograms: [],
    labels: THEMES.map((theme, featureIndex) => ({ featureIndex, text: theme.label, source: 'machine' as const, method: 'top-tokens v1' })),
  };
}

const postgresUrl = inject('postgresUrl');
const drivers: [string, () => Promise<AtlasDb>][] = [
  ['pglite', () => openDatabase({ inMemory: true })],
  ...(postgresUrl ? [['postgres', () => openTestPostgresDatabase(postgresUrl)] as [string, () => Promise<AtlasDb>]] : []),
];

describe.each(drivers)('scoreSaeLabels (%s)', (_name, open) => {
  let db: AtlasDb;
  /** The human (shuffled) label of each feature: the newest, so the current label. */
  const shuffledIds: number[] = [];
  const embedder = loadWordVectorEmbedder();

  beforeAll(async () => {
    db = await open();
    await upsertModel(db, { id: MODEL_ID, displayName: 'Score LM', architecture: 'gpt2', layerCount: 1, dModel: 4, vocabSize: 100, contextLength: 16 });
    await ingestSaeAtlas(db, atlasInput());
  });
  afterAll(() => db.close());

  it('scores every label on held-out contexts, true labels far above shuffled ones, and stores them idempotently', async () => {
    const first = await scoreSaeLabels(db, { saeId: SAE_ID, scorer: 'embedding', embedder: await embedder });
    expect(first).toMatchObject({ pending: 6, scored: 6, unscorable: 0, notHeldOut: 0 });
    const features = await getFeaturesByIndex(db, THEMES.map((_, index) => ({ saeId: SAE_ID, index })));
    // A human label that is another feature's label: the shuffled control.
    for (const [i, feature] of features.entries()) {
      const { labelId } = await createLabel(db, { featureId: feature.id, text: THEMES[(i + 1) % THEMES.length]!.label, source: 'human' });
      shuffledIds.push(labelId);
    }
    // Resumable: only the six new labels are pending.
    const second = await scoreSaeLabels(db, { saeId: SAE_ID, scorer: 'embedding', embedder: await embedder });
    expect(second).toMatchObject({ pending: 6, scored: 6 });
    expect(await scoreSaeLabels(db, { saeId: SAE_ID, scorer: 'embedding', embedder: await embedder })).toMatchObject({ pending: 0, scored: 0 });

    const shuffled = await getScoresOfLabels(db, shuffledIds);
    const trueIds = shuffledIds.map((id) => id - THEMES.length);
    const truth = await getScoresOfLabels(db, trueIds);
    const mean = (scores: Map<number, { score: number }[]>) => [...scores.values()].reduce((sum, rows) => sum + rows[0]!.score, 0) / scores.size;
    expect([...truth.values()].every((rows) => rows.length === 1 && rows[0]!.scorer === 'embedding' && rows[0]!.nPos === 8 && rows[0]!.nNeg === 8)).toBe(true);
    expect(mean(truth)).toBeGreaterThan(0.8);
    expect(mean(shuffled)).toBeLessThan(0.6);
  });

  it('orders features by the current label score (LABEL_SCORE), unscored ones last, with keyset pages', async () => {
    const current = await getScoresOfLabels(db, shuffledIds);
    const scoreOf = (index: number) => current.get(shuffledIds[index]!)![0]!.score;
    const byScore = await listFeatures(db, { saeId: SAE_ID, afterIndex: null, limit: 10, orderBy: { key: 'labelScore', direction: 'desc' } });
    expect(byScore).toHaveLength(6);
    const values = byScore.map((f) => scoreOf(f.index));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const firstPage = await listFeatures(db, { saeId: SAE_ID, afterIndex: null, limit: 3, orderBy: { key: 'labelScore', direction: 'desc' } });
    const secondPage = await listFeatures(db, { saeId: SAE_ID, afterIndex: firstPage[2]!.index, limit: 3, orderBy: { key: 'labelScore', direction: 'desc' } });
    expect([...firstPage, ...secondPage].map((f) => f.index)).toEqual(byScore.map((f) => f.index));
    const ascending = await listFeatures(db, { saeId: SAE_ID, afterIndex: null, limit: 10, orderBy: { key: 'labelScore', direction: 'asc' } });
    const ascendingValues = ascending.map((f) => scoreOf(f.index));
    expect(ascendingValues).toEqual([...ascendingValues].sort((a, b) => a - b));
  });

  it('refuses an unknown SAE and an LLM scorer without a client, with codes', async () => {
    await expect(scoreSaeLabels(db, { saeId: 'nope', scorer: 'embedding', embedder: await embedder })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(scoreSaeLabels(db, { saeId: SAE_ID, scorer: 'detection' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
