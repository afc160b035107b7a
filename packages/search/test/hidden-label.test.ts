import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLabel, createUser, isSearchIndexFresh, setLabelHidden, syncSearchLabelVisibility, type AtlasDb } from '@atlas/db';
import { embedderKey } from '@atlas/embed';
import { indexSaeFeatures, loadDefaultSearchEngine, searchFeatures, SEARCH_DOCUMENT_VERSION, type SearchMode } from '../src/index.ts';
import { drivers } from './support/drivers.ts';
import { loadSearchAtlas, SAE_ID } from './support/search-atlas.ts';

const engine = loadDefaultSearchEngine();

/**
 * Moderation reaches search at once: a hidden label stops matching the moment it is hidden (its
 * words leave the full-text document, and the embedding that still carried them is dropped until
 * the next index run), the index reports itself stale, and showing the label again brings it back.
 */
describe.each(drivers)('a hidden label in search (%s)', (_name, open) => {
  let db: AtlasDb;
  let ids: number[];
  let labelId: number;
  let moderator: number;
  const found = async (query: string, mode: SearchMode) =>
    (await searchFeatures(db, engine, { query, mode, filter: { saeIds: [SAE_ID] } })).results.map((r) => ids.indexOf(r.featureId));
  const fresh = () => isSearchIndexFresh(db, SAE_ID, embedderKey(engine.embedder.id), SEARCH_DOCUMENT_VERSION);
  const moderate = (hidden: boolean) => db.transaction(async (tx) => {
    await setLabelHidden(tx, { labelId, hidden, moderatorId: moderator, reason: 'spam' });
    return syncSearchLabelVisibility(tx, labelId);
  });

  beforeAll(async () => {
    db = await open();
    ({ ids } = await loadSearchAtlas(db));
    moderator = await createUser(db, { handle: 'mod', displayName: 'Mod', role: 'curator' });
    // A human label on the "President" feature (3) with a word nothing else in the atlas has.
    ({ labelId } = await createLabel(db, { featureId: ids[3]!, text: 'zeppelin airships', tags: [], source: 'human', authorId: moderator }));
    await indexSaeFeatures(db, { saeId: SAE_ID, embedder: engine.embedder });
  });
  afterAll(() => db.close());

  it('matches the label before it is hidden', async () => {
    expect(await found('zeppelin', 'FULL_TEXT')).toEqual([3]);
    expect(await fresh()).toBe(true);
  });

  it('stops matching as soon as the label is hidden, keeps the feature findable by its other labels and evidence', async () => {
    expect(await moderate(true)).toBe(true);
    expect(await found('zeppelin', 'FULL_TEXT')).toEqual([]);
    expect(await found('zeppelin', 'HYBRID')).not.toContain(3);
    expect(await found('President', 'FULL_TEXT')).toContain(3);
    expect(await fresh()).toBe(false);
  });

  it('re-embeds only the moderated document on the next index run, and the label stays out', async () => {
    expect(await indexSaeFeatures(db, { saeId: SAE_ID, embedder: engine.embedder })).toMatchObject({ embedded: 1 });
    expect(await found('zeppelin', 'FULL_TEXT')).toEqual([]);
    expect(await fresh()).toBe(true);
  });

  it('matches again once the label is shown again', async () => {
    await moderate(false);
    expect(await found('zeppelin', 'FULL_TEXT')).toEqual([3]);
    expect(await fresh()).toBe(false);
  });
});
