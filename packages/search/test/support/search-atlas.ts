import { createLabel, getFeaturesByIndex, ingestSaeAtlas, upsertModel, type AtlasDb, type IngestSaeInput } from '@atlas/db';

export const MODEL_ID = 'search-lm';
export const SAE_ID = 'search-lm/blocks.1.hook_resid_post/topk-12';
export const OTHER_SAE_ID = 'search-lm/blocks.0.hook_resid_post/topk-12';

/** GPT-2-style display tokens: words with their leading space, punctuation apart. */
function tokens(text: string): string[] {
  return text.match(/\s?[\p{L}\p{N}']+|\s?[^\s\p{L}\p{N}]/gu) ?? [];
}

interface FeatureSpec {
  /** Sentences it fires on, the peak word in brackets: "the [whale] rose". */
  contexts: string[];
  label?: { text: string; source: 'machine' | 'llm' };
  density: number;
}

/**
 * Twelve features with readable evidence: some well labelled, one with a poor label that is
 * findable only by what it fires on (6), an LLM-labelled one (2), a human-labelled one (7, added
 * after the build), a dense one (8) and a dead one (9).
 */
export const FEATURES: FeatureSpec[] = [
  { density: 0.01, label: { text: '"whale" (3/3) · after "the"', source: 'machine' }, contexts: ['the [whale] rose from the deep', 'a white [whale] of great size', 'the [whale] spouted'] },
  { density: 0.02, label: { text: '"ship" (2/3) · "vessel" (1/3)', source: 'machine' }, contexts: ['the [ship] sailed at dawn', 'aboard the [ship] we', 'the [vessel] was wrecked'] },
  { density: 0.03, label: { text: 'taxation and government revenue', source: 'llm' }, contexts: ['raise [taxes] on income', 'cut [taxes] for families', 'the [tax] burden'] },
  { density: 0.02, label: { text: '"President" (3/3)', source: 'machine' }, contexts: ['the [President] signed', 'Mr. [President], the', 'the [President] of the United States'] },
  { density: 0.01, label: { text: '"harpoon" (3/3)', source: 'machine' }, contexts: ['he threw the [harpoon] hard', 'his [harpoon] struck', 'a barbed [harpoon]'] },
  { density: 0.09, label: { text: '"." (3/3)', source: 'machine' }, contexts: ['it ended[.] Then', 'we agree[.] And', 'so it goes[.] The'] },
  { density: 0.02, label: { text: 'varied · "the" (1/3) · "a" (1/3)', source: 'machine' }, contexts: ['across the [ocean] waves', 'the [sea] was calm', 'the open [ocean] lay'] },
  { density: 0.02, contexts: ['a thousand [dollars] in', 'paid in [dollars] and', 'many [dollars] were'] },
  { density: 0.5, label: { text: '"the" (3/3)', source: 'machine' }, contexts: ['[the] whale', '[the] ship', '[the] ocean'] },
  { density: 0, contexts: [] },
  { density: 0.02, label: { text: '"war" (3/3)', source: 'machine' }, contexts: ['the [war] ended', 'a long [war] with', 'declared [war] on'] },
  { density: 0.02, label: { text: '"liberty" (3/3)', source: 'machine' }, contexts: ['for [liberty] and', 'the [liberty] of the people', 'blessings of [liberty]'] },
];

function atlasInput(saeId: string, hookName: string): IngestSaeInput {
  const contexts: IngestSaeInput['contexts'] = [];
  const examples: IngestSaeInput['examples'] = [];
  const activations: IngestSaeInput['activations'] = [];
  FEATURES.forEach((feature, featureIndex) => {
    feature.contexts.forEach((sentence, rank) => {
      const marked = tokens(sentence.replace(/\[([^\]]+)\]/, '\u0001$1'));
      const maxPosition = marked.findIndex((token) => token.includes('\u0001'));
      const key = `f${featureIndex}-c${rank}`;
      contexts.push({ key, documentId: key, startToken: 0, tokenIds: marked.map((_, i) => i), tokens: marked.map((t) => t.replace('\u0001', '')) });
      examples.push({ featureIndex, contextKey: key, kind: 'top', rank, maxValue: 3 - rank, maxPosition });
      activations.push({ featureIndex, contextKey: key, position: maxPosition, value: 3 - rank });
    });
  });
  return {
    sae: {
      id: saeId, modelId: MODEL_ID, hookName, architecture: 'topk', kind: 'sae', dIn: 4, width: FEATURES.length, k: 2,
      trainingTokens: 1000, statisticsTokens: 1000, corpusName: 'search test', metrics: null,
    },
    checksum: `search-${saeId}`,
    corpus: { id: 'search-test', name: 'search test' },
    contexts,
    features: FEATURES.map((feature, index) => ({
      index, density: feature.density, maxActivation: 3, meanActivation: 1, decoder: Float32Array.of(index % 4 === 0 ? 1 : 0, index % 4 === 1 ? 1 : 0, index % 4 === 2 ? 1 : 0, index % 4 === 3 ? 1 : 0),
      isDead: feature.contexts.length === 0, isDense: feature.density > 0.1,
    })),
    examples,
    activations,
    histograms: [],
    labels: FEATURES.flatMap((feature, featureIndex) =>
      feature.label ? [{ featureIndex, text: feature.label.text, source: feature.label.source, method: feature.label.source === 'llm' ? 'auto-interp' : 'top-tokens v1', ...(feature.label.source === 'llm' ? { authorModel: 'test-llm' } : {}) }] : [],
    ),
  };
}

/** The search atlas: the SAE above on blocks.1 and a copy on blocks.0 (for hook filters); feature 7 gets a human label. */
export async function loadSearchAtlas(db: AtlasDb): Promise<{ ids: number[]; otherIds: number[] }> {
  await upsertModel(db, { id: MODEL_ID, displayName: 'Search LM', architecture: 'gpt2', layerCount: 2, dModel: 4, vocabSize: 100, contextLength: 16 });
  await ingestSaeAtlas(db, atlasInput(SAE_ID, 'blocks.1.hook_resid_post'));
  await ingestSaeAtlas(db, atlasInput(OTHER_SAE_ID, 'blocks.0.hook_resid_post'));
  const ids = (await getFeaturesByIndex(db, FEATURES.map((_, index) => ({ saeId: SAE_ID, index })))).map((f) => f.id);
  const otherIds = (await getFeaturesByIndex(db, FEATURES.map((_, index) => ({ saeId: OTHER_SAE_ID, index })))).map((f) => f.id);
  await createLabel(db, { featureId: ids[7]!, text: 'money and banking', source: 'human' });
  return { ids, otherIds };
}
