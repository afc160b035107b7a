import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addLabels, createSearchVectorIndex, fullTextSearchCandidates, getFeaturesByIndex, getFeatureSearchEvidence, getSearchDocumentStates,
  getSearchMatches, hasSearchVectorIndex, ingestSaeAtlas, isSearchIndexFresh, listSearchableSaes, upsertModel, upsertSearchDocuments,
  upsertSearchEmbedder, vectorSearchCandidates, type AtlasDb, type SearchDocumentInput,
} from '../src/index.ts';
import { queryRows } from '../src/sql/rows.ts';
import { drivers } from './drivers.ts';
import { atlasInput, MODEL, SAE_ID } from './fixtures.ts';

const EMBEDDER = { id: 'test-embedder@1#abcdef012345', name: 'test-embedder', version: '1', checksum: 'abcdef0123456789', dimensions: 3 };

/** Hand-made documents: label text, peaks and a 3-d embedding per feature index. */
const DOCUMENTS: [index: number, label: string, peaks: string, embedding: number[] | null, sources: ('machine' | 'llm')[]][] = [
  [0, 'whales and the sea', 'whale whale whales', [1, 0, 0], ['machine']],
  [1, 'sailing ships', 'ship ship boat', [0.9, 0.3, 0], ['machine', 'llm']],
  [2, 'income tax', 'taxes tax', [0, 1, 0], ['llm']],
  [3, 'the president', 'president', [0, 0.2, 1], ['machine']],
  [4, 'punctuation', '.', null, ['machine']],
];

describe.each(drivers)('search documents and queries (%s)', (_name, open) => {
  let db: AtlasDb;
  let ids: number[];
  const scope = { saeIds: [SAE_ID] };

  beforeAll(async () => {
    db = await open();
    await upsertModel(db, MODEL);
    await ingestSaeAtlas(db, atlasInput({
      labels: [{ featureIndex: 0, text: '"sat" (1/2)', source: 'machine', method: 'top-tokens v1' }],
    }));
    ids = (await getFeaturesByIndex(db, [0, 1, 2, 3, 4, 5].map((index) => ({ saeId: SAE_ID, index })))).map((f) => f.id);
    await upsertSearchEmbedder(db, EMBEDDER);
    await upsertSearchEmbedder(db, EMBEDDER);
    await upsertSearchDocuments(db, DOCUMENTS.map(([index, label, peaks, embedding, sources]) => document(ids[index]!, index, label, peaks, embedding, sources)));
    await createSearchVectorIndex(db, EMBEDDER.id, 3);
  });
  afterAll(() => db.close());

  function document(featureId: number, index: number, label: string, peaks: string, embedding: number[] | null, sources: ('machine' | 'llm')[]): SearchDocumentInput {
    return {
      featureId, saeId: SAE_ID, density: 0.1 * (index + 1), labelText: label, labelSources: sources, peakText: peaks,
      contextText: `… a context about ${peaks} …`, embedding, embedderId: EMBEDDER.id, formatVersion: 1,
      parts: [{ kind: 'label', source: sources[0]!, method: null, text: label }, { kind: 'contexts', text: `… a context about ${peaks} …` }],
    };
  }

  it('reads each feature with its labels and its top contexts cut around the peak', async () => {
    const evidence = await getFeatureSearchEvidence(db, { saeId: SAE_ID, afterIndex: null, limit: 2, window: 1 });
    expect(evidence.map((f) => f.index)).toEqual([0, 1]);
    expect(evidence[0]!.labels).toEqual([{ source: 'machine', method: 'top-tokens v1', text: '"sat" (1/2)' }]);
    // Top contexts of feature 0: ctx1 peaking at position 2, then ctx0 at position 1 (fixtures.ts), one token either side.
    expect(evidence[0]!.contexts).toEqual([
      { tokens: [' "quoted"', ' back\\slash', ' {brace}'], maxPosition: 1 },
      { tokens: ['The', ' cat', ' sat'], maxPosition: 1 },
    ]);
    expect(evidence[1]).toMatchObject({ labels: [], contexts: [] });
    const next = await getFeatureSearchEvidence(db, { saeId: SAE_ID, afterIndex: 1, limit: 10 });
    expect(next.map((f) => f.index)).toEqual([2, 3, 4, 5]);
  });

  it('ranks full-text matches by the user terms first, then expansions at half weight', async () => {
    const hits = await fullTextSearchCandidates(db, { text: { terms: ['whales'], expansions: ['ship'] }, scope, limit: 10 });
    expect(hits.map((hit) => hit.featureId)).toEqual([ids[0], ids[1]]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    const phrase = await fullTextSearchCandidates(db, { text: { terms: ['income tax'], expansions: [] }, scope, limit: 10 });
    expect(phrase.map((hit) => hit.featureId)).toEqual([ids[2]]);
  });

  it('pages full-text matches by keyset without gaps or repeats', async () => {
    const text = { terms: ['context'], expansions: [] };
    const all = await fullTextSearchCandidates(db, { text, scope, limit: 10 });
    expect(all).toHaveLength(5);
    const first = await fullTextSearchCandidates(db, { text, scope, limit: 2 });
    const second = await fullTextSearchCandidates(db, { text, scope, limit: 2, after: first.at(-1)! });
    const third = await fullTextSearchCandidates(db, { text, scope, limit: 2, after: second.at(-1)! });
    expect([...first, ...second, ...third]).toEqual(all);
  });

  it('treats every query character as text: nothing is read as tsquery or SQL syntax', async () => {
    for (const term of ["'); drop table features; --", 'whale & !ship | tax:* <-> (', '\\', '"unbalanced', '%_*']) {
      await expect(fullTextSearchCandidates(db, { text: { terms: [term], expansions: [] }, scope, limit: 5 })).resolves.toBeInstanceOf(Array);
    }
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from features`);
    expect(row!.n).toBe(6);
    const hits = await fullTextSearchCandidates(db, { text: { terms: ['whale & !ship'], expansions: [] }, scope, limit: 5 });
    expect(hits).toEqual([]);
  });

  it('filters by SAE, density and label source', async () => {
    const text = { terms: ['context'], expansions: [] };
    const dense = await fullTextSearchCandidates(db, { text, scope: { ...scope, densityMin: 0.25, densityMax: 0.45 }, limit: 10 });
    expect(dense.map((hit) => hit.featureId).sort()).toEqual([ids[2], ids[3]].sort());
    const llm = await fullTextSearchCandidates(db, { text, scope: { ...scope, labelSources: ['llm'] }, limit: 10 });
    expect(llm.map((hit) => hit.featureId).sort()).toEqual([ids[1], ids[2]].sort());
    expect(await fullTextSearchCandidates(db, { text, scope: { saeIds: ['other'] }, limit: 10 })).toEqual([]);
  });

  it('finds nearest embeddings through the HNSW index, with filters, the same as an exact scan', async () => {
    expect(await hasSearchVectorIndex(db, EMBEDDER.id)).toBe(true);
    const args = { embedderId: EMBEDDER.id, vector: [1, 0.1, 0], scope, limit: 3, efSearch: 40 };
    const hits = await vectorSearchCandidates(db, args);
    expect(hits.map((hit) => hit.featureId)).toEqual([ids[0], ids[1], ids[2]]);
    expect(hits[0]!.score).toBeCloseTo(1 / Math.hypot(1, 0.1), 2);
    expect(await vectorSearchCandidates(db, { ...args, exact: true })).toEqual(hits);
    const filtered = await vectorSearchCandidates(db, { ...args, scope: { ...scope, labelSources: ['llm'] } });
    expect(filtered.map((hit) => hit.featureId)).toEqual([ids[1], ids[2]]);
    const other = await vectorSearchCandidates(db, { ...args, embedderId: 'another@1#000000000000' });
    expect(other).toEqual([]);
  });

  it('returns the best-matching part of each document with the matched words as ranges', async () => {
    const matches = await getSearchMatches(db, [ids[0]!, ids[3]!], { terms: ['whales'], expansions: [] });
    const whale = matches.get(ids[0]!)!;
    expect(whale.part).toMatchObject({ kind: 'label', text: 'whales and the sea' });
    expect(whale.text).toBe('whales and the sea');
    expect(whale.highlights).toEqual([[0, 6]]);
    // No match: the first part (the label), nothing highlighted.
    expect(matches.get(ids[3]!)).toMatchObject({ part: { kind: 'label' }, text: 'the president', highlights: [] });
  });

  it('says whether an SAE index is complete, current and newer than its labels', async () => {
    expect(await listSearchableSaes(db)).toEqual([{ id: SAE_ID, modelId: MODEL.id, hookName: 'blocks.2.hook_resid_post' }]);
    const states = await getSearchDocumentStates(db, [ids[0]!, ids[5]!]);
    expect([...states.keys()]).toEqual([ids[0]]);
    // Features 0 and 3 have a label or top examples (fixtures.ts), so they need documents, and have them.
    expect(await isSearchIndexFresh(db, SAE_ID, EMBEDDER.id, 1)).toBe(true);
    expect(await isSearchIndexFresh(db, SAE_ID, 'another@1#000000000000', 1)).toBe(false);
    expect(await isSearchIndexFresh(db, SAE_ID, EMBEDDER.id, 2)).toBe(false);
    await addLabels(db, [{ featureId: ids[5]!, text: 'a new label', source: 'llm', method: 'test', authorModel: 'm' }]);
    expect(await isSearchIndexFresh(db, SAE_ID, EMBEDDER.id, 1)).toBe(false);
    await upsertSearchDocuments(db, [document(ids[5]!, 5, 'a new label', '', [0, 0, 1], ['llm'])]);
    await db.orm.execute(sql`update feature_search_documents set indexed_at = now() + interval '1 second'`);
    expect(await isSearchIndexFresh(db, SAE_ID, EMBEDDER.id, 1)).toBe(true);
  });
});
