import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addLabelVersion,
  createApiKey,
  createLabel,
  createSession,
  createUser,
  deleteSession,
  findUserByApiKey,
  getCurrentLabels,
  getFeaturesByIndex,
  ingestSaeAtlas,
  listLabelVersions,
  listReviewQueue,
  revokeApiKey,
  searchLabels,
  setLabelHidden,
  setLabelReview,
  upsertModel,
  validateSession,
  voteOnLabel,
  type AtlasDb,
} from '../src/index.ts';
import { apiKeys, sessions } from '../src/schema/index.ts';
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

  it('picks the latest version of the accepted label, else the best-voted one; hidden labels never show', async () => {
    const alice = await createUser(db, { handle: 'alice', displayName: 'Alice' });
    const bob = await createUser(db, { handle: 'bob', displayName: 'Bob' });
    const machine = await createLabel(db, { featureId: f0, text: 'cats', source: 'machine', method: 'max-token' });
    const human = await createLabel(db, { featureId: f0, text: 'felines on mats', source: 'human', authorId: alice, tags: ['animals'] });
    expect((await getCurrentLabels(db, [f0])).get(f0)?.text).toBe('felines on mats'); // tie: newest

    await voteOnLabel(db, { labelId: machine.labelId, userId: alice, value: 1 });
    await voteOnLabel(db, { labelId: machine.labelId, userId: bob, value: 1 });
    await voteOnLabel(db, { labelId: human.labelId, userId: bob, value: -1 });
    await addLabelVersion(db, { labelId: machine.labelId, text: 'cats and kittens', authorId: bob });
    const labels = await getCurrentLabels(db, [f0, f1]);
    expect(labels.has(f1)).toBe(false);
    expect(labels.get(f0)).toMatchObject({ saeId: SAE_ID, featureIndex: 0, text: 'cats and kittens', version: 2, upvotes: 2, downvotes: 0 });
    expect(labels.get(f0)?.updatedAt).toBeInstanceOf(Date);

    // One vote per user per label: voting again replaces the vote.
    await voteOnLabel(db, { labelId: machine.labelId, userId: alice, value: -1 });
    await voteOnLabel(db, { labelId: machine.labelId, userId: bob, value: -1 });
    expect((await getCurrentLabels(db, [f0])).get(f0)).toMatchObject({ text: 'felines on mats', tags: ['animals'], upvotes: 0, downvotes: 1 });

    // Accepted beats votes; a hidden label never shows, but stays with who hid it and why.
    await setLabelReview(db, { labelId: machine.labelId, state: 'accepted', reviewerId: alice });
    expect((await getCurrentLabels(db, [f0])).get(f0)?.text).toBe('cats and kittens');
    expect(await setLabelHidden(db, { labelId: machine.labelId, hidden: true, moderatorId: alice, reason: 'spam' })).toBe(true);
    expect((await getCurrentLabels(db, [f0])).get(f0)?.text).toBe('felines on mats');
    expect(await listLabelVersions(db, { labelId: machine.labelId, beforeVersion: null, limit: 10 })).toEqual([
      expect.objectContaining({ version: 2, text: 'cats and kittens', source: 'human', authorId: bob }),
      expect.objectContaining({ version: 1, text: 'cats', source: 'machine', method: 'max-token', authorId: null }),
    ]);
    expect((await listReviewQueue(db, { saeId: SAE_ID, afterId: null, limit: 10 })).map((l) => l.id)).toEqual([human.labelId]);
    await setLabelHidden(db, { labelId: machine.labelId, hidden: false, moderatorId: alice });
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
    expect(await revokeApiKey(db, { keyId: id, userId: carol + 1 })).toBeNull(); // not another user's
    expect(await findUserByApiKey(db, key)).not.toBeNull();
    expect(await revokeApiKey(db, { keyId: id, userId: carol })).toMatchObject({ id, revokedAt: expect.any(Date) });
    expect(await findUserByApiKey(db, key)).toBeNull();
  });

  it('keeps sessions as hashed tokens with an expiry', async () => {
    const dave = await createUser(db, { handle: 'dave', displayName: 'Dave' });
    const { token, session } = await createSession(db, dave);
    expect((await db.orm.select().from(sessions)).some((row) => row.id === token)).toBe(false);
    expect(await validateSession(db, token)).toMatchObject({ session: { id: session.id }, user: { handle: 'dave' } });
    expect(await validateSession(db, `${token}x`)).toBeNull();
    await deleteSession(db, session.id);
    expect(await validateSession(db, token)).toBeNull();
  });

  it('keeps human labels, their versions, votes and review through a rebuild of the SAE; the build’s own labels are made again', async () => {
    const erin = await createUser(db, { handle: 'erin', displayName: 'Erin' });
    const [feature5] = await getFeaturesByIndex(db, [{ saeId: SAE_ID, index: 5 }]);
    const human = await createLabel(db, { featureId: feature5!.id, text: 'rebuild survivor', source: 'human', authorId: erin });
    await addLabelVersion(db, { labelId: human.labelId, text: 'rebuild survivor v2', authorId: erin });
    await voteOnLabel(db, { labelId: human.labelId, userId: erin, value: 1 });
    await setLabelReview(db, { labelId: human.labelId, state: 'accepted', reviewerId: erin });
    const untouched = await createLabel(db, { featureId: feature5!.id, text: 'build-made', source: 'machine', method: 'max-token' });

    await ingestSaeAtlas(db, atlasInput({ checksum: 'sha256:rebuilt' }));
    const [rebuilt] = await getFeaturesByIndex(db, [{ saeId: SAE_ID, index: 5 }]);
    expect(rebuilt!.id).not.toBe(feature5!.id); // the rebuild made new feature rows
    expect((await getCurrentLabels(db, [rebuilt!.id])).get(rebuilt!.id)).toMatchObject({
      id: human.labelId, text: 'rebuild survivor v2', version: 2, upvotes: 1, reviewState: 'accepted',
    });
    expect(await listLabelVersions(db, { labelId: human.labelId, beforeVersion: null, limit: 10 })).toHaveLength(2);
    expect(await listLabelVersions(db, { labelId: untouched.labelId, beforeVersion: null, limit: 10 })).toEqual([]);
  });
});
