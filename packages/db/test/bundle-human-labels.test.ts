import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addLabelVersion, createLabel, createUser, exportSaeBundle, importSaeBundle, ingestSaeAtlas, setLabelHidden, setLabelReview,
  upsertModel, voteOnLabel, type AtlasDb,
} from '../src/index.ts';
import { humanLabelsQuery, type HumanLabelLine } from '../src/bundle/human-labels.ts';
import { queryRows } from '../src/sql/rows.ts';
import { drivers } from './drivers.ts';
import { atlasInput, MODEL, SAE_ID } from './fixtures.ts';

/** Every human label of the SAE as the bundle writes it: handles, not ids, so two atlases compare. */
async function humanLabels(db: AtlasDb): Promise<HumanLabelLine[]> {
  const rows = await queryRows<{ line: string }>(db, humanLabelsQuery(SAE_ID, 0, 1_000_000));
  return rows.map((row) => JSON.parse(row.line) as HumanLabelLine);
}

/**
 * Human labels through `atlas export --with-labels` / `atlas import`: versions, votes, review and
 * moderation survive, users are matched by handle, an unknown handle keeps the label with no
 * author (and drops that user's votes), and a second import adds nothing.
 */
describe.each(drivers)('human labels in bundles (%s)', (_name, open) => {
  let source: AtlasDb;
  let root: string;
  let withLabels: string;
  let without: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'atlas-bundle-labels-'));
    source = await open();
    await upsertModel(source, MODEL);
    await ingestSaeAtlas(source, atlasInput({ checksum: 'sha256:labels' }));
    const feature = async (index: number) => Number((await queryRows<{ id: number | string }>(
      source, sql`select id from features where sae_id = ${SAE_ID} and index = ${index}`,
    ))[0]!.id);
    const alice = await createUser(source, { handle: 'alice', displayName: 'Alice' });
    const bob = await createUser(source, { handle: 'bob', displayName: 'Bob' });
    const carol = await createUser(source, { handle: 'carol', displayName: 'Carol', role: 'curator' });
    const { labelId: whales } = await createLabel(source, { featureId: await feature(0), text: 'whales', tags: ['sea'], source: 'human', authorId: alice });
    await addLabelVersion(source, { labelId: whales, text: 'whales and whaling', tags: ['sea', 'ships'], source: 'human', authorId: carol });
    await voteOnLabel(source, { labelId: whales, userId: bob, value: 1 });
    await voteOnLabel(source, { labelId: whales, userId: carol, value: -1 });
    await setLabelReview(source, { labelId: whales, state: 'accepted', reviewerId: carol, note: 'matches the contexts' });
    const { labelId: spam } = await createLabel(source, { featureId: await feature(2), text: 'buy now', tags: [], source: 'human', authorId: bob });
    await setLabelHidden(source, { labelId: spam, hidden: true, moderatorId: carol, reason: 'spam' });
    withLabels = path.join(root, 'with-labels');
    without = path.join(root, 'without');
    await exportSaeBundle(source, SAE_ID, withLabels, undefined, { withLabels: true });
    await exportSaeBundle(source, SAE_ID, without);
  });
  afterAll(async () => {
    await source?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('leaves human labels out unless asked, and carries them with handles when asked', async () => {
    expect(existsSync(path.join(without, 'human_labels.jsonl.gz'))).toBe(false);
    expect(existsSync(path.join(withLabels, 'human_labels.jsonl.gz'))).toBe(true);
    const lines = await humanLabels(source);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      featureIndex: 0, createdBy: 'alice', reviewState: 'accepted', reviewedBy: 'carol', reviewNote: 'matches the contexts', hidden: false,
      versions: [
        { version: 1, text: 'whales', tags: ['sea'], source: 'human', author: 'alice' },
        { version: 2, text: 'whales and whaling', tags: ['sea', 'ships'], source: 'human', author: 'carol' },
      ],
      votes: [{ voter: 'bob', value: 1 }, { voter: 'carol', value: -1 }],
    });
    expect(lines[1]).toMatchObject({ featureIndex: 2, createdBy: 'bob', hidden: true, hiddenBy: 'carol', hiddenReason: 'spam' });
  });

  it('round-trips into an atlas with the same handles, keeping times, and a second import adds nothing', async () => {
    const target = await open();
    try {
      // Other ids than the source's: the handles must be what maps them.
      await createUser(target, { handle: 'zed', displayName: 'Zed' });
      for (const handle of ['carol', 'bob', 'alice']) await createUser(target, { handle, displayName: handle });
      const first = await importSaeBundle(target, withLabels);
      expect(first.humanLabels).toEqual({ labels: 2, alreadyPresent: 0, versions: 3, votes: 2, votesDropped: 0, unknownHandles: [] });
      expect(await humanLabels(target)).toEqual(await humanLabels(source));
      const again = await importSaeBundle(target, withLabels);
      expect(again).toMatchObject({ skipped: true, humanLabels: { labels: 0, alreadyPresent: 2 } });
      expect(await humanLabels(target)).toEqual(await humanLabels(source));
    } finally {
      await target.close();
    }
  });

  it('keeps the labels of an unknown handle with no author, drops its votes, and says so', async () => {
    const target = await open();
    try {
      await createUser(target, { handle: 'alice', displayName: 'Alice' });
      await createUser(target, { handle: 'carol', displayName: 'Carol' });
      const result = await importSaeBundle(target, withLabels);
      expect(result.humanLabels).toEqual({ labels: 2, alreadyPresent: 0, versions: 3, votes: 1, votesDropped: 1, unknownHandles: ['bob'] });
      const [whales, spam] = await humanLabels(target);
      expect(whales!.votes).toEqual([expect.objectContaining({ voter: 'carol', value: -1 })]);
      expect(spam).toMatchObject({ createdBy: null, hidden: true, hiddenBy: 'carol', versions: [{ text: 'buy now', author: null }] });
    } finally {
      await target.close();
    }
  });

  it('loads a bundle without human labels as before', async () => {
    const target = await open();
    try {
      const result = await importSaeBundle(target, without);
      expect(result).toMatchObject({ skipped: false, saeId: SAE_ID });
      expect(result.humanLabels).toBeUndefined();
      expect(await humanLabels(target)).toEqual([]);
    } finally {
      await target.close();
    }
  });
});
