import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addLabelVersion,
  createApiKey,
  createLabel,
  createUser,
  findUserByApiKey,
  getCurrentLabels,
  getFeaturesByIndex,
  ingestSaeAtlas,
  revokeApiKey,
  searchLabels,
  upsertModel,
  voteOnLabelVersion,
  type AtlasDb,
} from '../src/index.ts';
import { apiKeys } from '../src/schema/index.ts';
import { atlasInput, MODEL, SAE_ID } from './fixtures.ts';
import { drivers } from './drivers.ts';

describe.each(drivers)('labels, votes and users (%s)', (_name, open) => {
  let db: AtlasDb;
  let f0: number;
  let f1: number;
  beforeAll(async () => {
    db = await open();
    await upsertModel(db, MODEL);
    await ingestSaeAtlas(db, atlasInput());
    const features = await getFeaturesByIndex(db, [0, 1].map((index) => ({ saeId: SAE_ID, index })));
    [f0, f1] = features.map((f) => f.id) as [number, number];
  });
  afterAll(() => db.close());

  it('picks the latest version of the best-voted label', async () => {
    const alice = await createUser(db, { handle: 'alice', displayName: 'Alice' });
    const bob = await createUser(db, { handle: 'bob', displayName: 'Bob' });
    const machine = await createLabel(db, { featureId: f0, text: 'cats', source: 'machine', method: 'max-token' });
    const human = await createLabel(db, { featureId: f0, text: 'felines on mats', source: 'human', authorId: alice });
    expect((await getCurrentLabels(db, [f0])).get(f0)?.text).toBe('felines on mats'); // tie: newest

    await voteOnLabelVersion(db, { labelVersionId: machine.versionId, userId: alice, value: 1 });
    await voteOnLabelVersion(db, { labelVersionId: machine.versionId, userId: bob, value: 1 });
    await voteOnLabelVersion(db, { labelVersionId: human.versionId, userId: bob, value: -1 });
    await addLabelVersion(db, { labelId: machine.labelId, text: 'cats and kittens' });
    const labels = await getCurrentLabels(db, [f0, f1]);
    expect(labels.has(f1)).toBe(false);
    expect(labels.get(f0)).toMatchObject({ featureId: f0, text: 'cats and kittens', source: 'machine' });
    expect(labels.get(f0)?.updatedAt).toBeInstanceOf(Date);

    await voteOnLabelVersion(db, { labelVersionId: machine.versionId, userId: alice, value: -1 });
    await voteOnLabelVersion(db, { labelVersionId: machine.versionId, userId: bob, value: -1 });
    expect((await getCurrentLabels(db, [f0])).get(f0)?.text).toBe('felines on mats');
  });

  it('finds current label texts by full-text search', async () => {
    await createLabel(db, { featureId: f1, text: 'Whaling ships and harpoons', source: 'llm', authorModel: 'some-llm' });
    const hits = await searchLabels(db, { query: 'harpoon', limit: 5 });
    expect(hits).toEqual([expect.objectContaining({ featureId: f1, text: 'Whaling ships and harpoons' })]);
    expect(await searchLabels(db, { query: 'harpoon', saeId: 'other', limit: 5 })).toEqual([]);
    // 'cats' was revised away from the current version of that label.
    expect((await searchLabels(db, { query: 'kittens', limit: 5 })).map((h) => h.featureId)).toEqual([f0]);
  });

  it('stores API keys hashed and resolves live ones', async () => {
    const carol = await createUser(db, { handle: 'carol', displayName: 'Carol', email: 'c@example.org' });
    const { id, key } = await createApiKey(db, { userId: carol, name: 'laptop', scopes: ['labels:write'] });
    const stored = await db.orm.select().from(apiKeys);
    expect(stored.some((row) => row.keyHash.includes(key) || row.prefix === key)).toBe(false);
    expect(await findUserByApiKey(db, key)).toMatchObject({ handle: 'carol', scopes: ['labels:write'] });
    expect(await findUserByApiKey(db, `${key}x`)).toBeNull();
    await revokeApiKey(db, id);
    expect(await findUserByApiKey(db, key)).toBeNull();
  });
});
