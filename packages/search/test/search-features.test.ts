import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasDb } from '@atlas/db';
import { loadWordVectorEmbedder } from '@atlas/embed';
import {
  createSearchEngine, indexSaeFeatures, loadDefaultSearchEngine, searchFeatures, SEARCH_LIMITS, type SearchFeaturesArgs,
} from '../src/index.ts';
import { drivers } from './support/drivers.ts';
import { loadSearchAtlas, MODEL_ID, OTHER_SAE_ID, SAE_ID } from './support/search-atlas.ts';

const engine = loadDefaultSearchEngine();
const inSae = { filter: { saeIds: [SAE_ID] } };

describe.each(drivers)('feature search (%s)', (_name, open) => {
  let db: AtlasDb;
  let ids: number[];
  let otherIds: number[];
  const indexOf = (featureId: number) => ids.indexOf(featureId);
  const search = async (args: SearchFeaturesArgs) => searchFeatures(db, engine, args);
  const found = async (args: SearchFeaturesArgs) => (await search(args)).results.map((r) => indexOf(r.featureId));

  beforeAll(async () => {
    db = await open();
    ({ ids, otherIds } = await loadSearchAtlas(db));
    for (const saeId of [SAE_ID, OTHER_SAE_ID]) await indexSaeFeatures(db, { saeId, embedder: engine.embedder });
  });
  afterAll(() => db.close());

  it('indexes idempotently: a second run embeds nothing, a new embedder re-embeds everything', async () => {
    expect(await indexSaeFeatures(db, { saeId: SAE_ID, embedder: engine.embedder })).toMatchObject({
      features: 12, embedded: 0, unchanged: 11, empty: 1,
    });
    const other = createSearchEngine({ embedder: loadWordVectorEmbedder({ a: 2e-3, wordnet: false }) });
    expect(await indexSaeFeatures(db, { saeId: OTHER_SAE_ID, embedder: other.embedder })).toMatchObject({ embedded: 11, unchanged: 0, labels: 10 });
    // The other SAE's vectors are now by the other embedder: this engine's vector search finds none there, and says why.
    const page = await searchFeatures(db, engine, { query: 'whale', mode: 'VECTOR', filter: { saeIds: [OTHER_SAE_ID] } });
    expect(page.results).toEqual([]);
    expect((await searchFeatures(db, other, { query: 'whale', mode: 'VECTOR', filter: { saeIds: [OTHER_SAE_ID] } })).results[0]?.featureId).toBe(otherIds[0]);
    await indexSaeFeatures(db, { saeId: OTHER_SAE_ID, embedder: engine.embedder });
  });

  it('finds a feature by a word of its label, showing the label with the word highlighted', async () => {
    const page = await search({ query: 'whale', mode: 'FULL_TEXT', ...inSae });
    expect(page.results.map((r) => indexOf(r.featureId))[0]).toBe(0);
    expect(page.results[0]).toMatchObject({
      saeId: SAE_ID, index: 0, fullTextRank: 1, vectorRank: null,
      match: { part: { kind: 'label', source: 'machine' }, text: '"whale" (3/3) · after "the"', highlights: [[1, 6]] },
    });
  });

  it('expands full-text terms through WordNet: a hypernym finds the word, and without expansion it does not', async () => {
    const page = await search({ query: 'cetacean', mode: 'FULL_TEXT', ...inSae });
    expect(page.expansions).toContain('whale');
    expect(page.results.map((r) => indexOf(r.featureId))[0]).toBe(0);
    expect(await found({ query: 'cetacean', mode: 'FULL_TEXT', expand: false, ...inSae })).toEqual([]);
  });

  it('finds a poorly labelled feature by what it fires on, by words and by meaning', async () => {
    expect((await found({ query: 'ocean', mode: 'FULL_TEXT', ...inSae }))).toContain(6);
    expect((await found({ query: 'ocean', mode: 'VECTOR', ...inSae }))[0]).toBe(6);
    const hybrid = await search({ query: 'ocean waves', ...inSae });
    expect(hybrid.mode).toBe('HYBRID');
    expect(indexOf(hybrid.results[0]!.featureId)).toBe(6);
    expect(hybrid.results[0]).toMatchObject({ fullTextRank: expect.any(Number), vectorRank: expect.any(Number), match: { part: { kind: 'contexts' } } });
  });

  it('finds features by meaning where no word matches', async () => {
    expect((await found({ query: 'battle', mode: 'VECTOR', ...inSae }))[0]).toBe(10);
    expect((await found({ query: 'money', ...inSae }))[0]).toBe(7);
  });

  it('filters by model, hook, SAE, label source and density', async () => {
    const both = await search({ query: 'whale', mode: 'FULL_TEXT', filter: { modelId: MODEL_ID } });
    expect(new Set(both.results.map((r) => r.saeId))).toEqual(new Set([SAE_ID, OTHER_SAE_ID]));
    const byHook = await search({ query: 'whale', mode: 'FULL_TEXT', filter: { hook: 'blocks.0.hook_resid_post' } });
    expect(byHook.results.map((r) => r.saeId)).toEqual(byHook.results.map(() => OTHER_SAE_ID));
    expect(await found({ query: 'money', filter: { saeIds: [SAE_ID], labelSources: ['human'] } })).toEqual([7]);
    expect(await found({ query: 'taxes', filter: { saeIds: [SAE_ID], labelSources: ['llm'] } })).toEqual([2]);
    expect(await found({ query: 'whale', mode: 'FULL_TEXT', filter: { saeIds: [SAE_ID], densityMin: 0.4 } })).toEqual([8]);
    expect(await found({ query: 'whale', filter: { saeIds: [SAE_ID], densityMax: 0.1 } })).not.toContain(8);
  });

  it('pages through results with a cursor, without gaps or repeats, in every mode', async () => {
    for (const mode of ['HYBRID', 'FULL_TEXT', 'VECTOR'] as const) {
      const args = { query: 'the sea and ships', mode, ...inSae };
      const whole = (await search({ ...args, first: 50 })).results.map((r) => r.featureId);
      const paged: number[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const page = await search({ ...args, first: 2, after });
        paged.push(...page.results.map((r) => r.featureId));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(paged).toEqual(whole);
      expect(whole.length).toBeGreaterThan(2);
      // Any result's cursor continues right after it.
      const first = await search({ ...args, first: 3 });
      const fromSecond = await search({ ...args, first: 2, after: first.results[1]!.cursor });
      expect(fromSecond.results.map((r) => r.featureId)).toEqual(whole.slice(2, 4));
      expect(first.pageInfo.endCursor).toBe(first.results[2]!.cursor);
    }
  });

  it('refuses bad input with BAD_USER_INPUT naming the limit or the fix', async () => {
    const bad = (args: SearchFeaturesArgs, message: RegExp) => expect(search(args)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(message) });
    await bad({ query: '   ' }, /query is empty/);
    await bad({ query: 'x'.repeat(10_000) }, /10000 characters; the limit is 500/);
    await bad({ query: 'whale', first: 0 }, /first must be an integer from 1 to 100/);
    await bad({ query: 'whale', first: SEARCH_LIMITS.maxPageSize + 1 }, /from 1 to 100/);
    await bad({ query: 'whale', filter: { saeIds: ['nope/sae'] } }, /Unknown SAE id\(s\) in the search filter: nope\/sae/);
    await bad({ query: 'whale', filter: { modelId: 'gpt-9' } }, /Unknown model "gpt-9".*search-lm/);
    await bad({ query: 'whale', filter: { hook: 'blocks.9.hook_mlp_out' } }, /No SAE on hook "blocks.9.hook_mlp_out"/);
    await bad({ query: 'whale', filter: { densityMin: 0.5, densityMax: 0.1 } }, /swap them/);
    await bad({ query: 'whale', mode: 'FUZZY' as never }, /Unknown search mode "FUZZY"/);
    await bad({ query: 'whale', after: 'not-a-cursor' }, /not one this search returned/);
    const page = await search({ query: 'whale', first: 1 });
    await bad({ query: 'ship', after: page.pageInfo.endCursor }, /belongs to a different query/);
  });

  it('gives defined answers to odd but valid input', async () => {
    // Control characters are spaces, an unbalanced quote is ignored, operators are only separators.
    expect(indexOf((await search({ query: 'whale\u0000\u0007"unbalanced', mode: 'FULL_TEXT', ...inSae })).results[0]!.featureId)).toBe(0);
    const hostile = await search({ query: "whale'); drop table features; -- & !ship | tax:*", ...inSae });
    expect(hostile.results.length).toBeGreaterThan(0);
    expect((await search({ query: 'whale', ...inSae })).results.length).toBeGreaterThan(0);
    const unknown = await search({ query: 'qqqzzx', ...inSae });
    expect(unknown.results).toEqual([]);
    expect(unknown.notices.join(' ')).toMatch(/knows none of the query's words/);
    const empty = await search({ query: 'whale', filter: { modelId: MODEL_ID, saeIds: [SAE_ID], hook: 'blocks.0.hook_resid_post' } });
    expect(empty.results).toEqual([]);
    expect(empty.notices).toEqual(['No complete SAE matches every part of the filter, so nothing was searched.']);
  });
});
