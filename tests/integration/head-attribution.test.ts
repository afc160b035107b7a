import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '@atlas/api';
import { openDatabase, type AtlasDb } from '@atlas/db';
import { buildAtlas, silentProgress, type BuildResult } from '@atlas/pipeline';
import { graphql } from '../support/graphql.ts';
import { TINY_CORPUS, tinyRecipe } from '../support/tiny-atlas.ts';

// The demo LM has 4 heads of 64 dimensions (config.json n_head, n_embd 256).
const HEADS = 4;

// An SAE on an attention head output, built by the real pipeline: demo LM → hook_z activations →
// TopK SAE → head shares → PGlite, then read and steered through the real API over HTTP.
describe('an attn.hook_z atlas: head attribution and steering over GraphQL', () => {
  let db: AtlasDb;
  let result: BuildResult;
  let api: { url: string; stop(): Promise<void> };

  beforeAll(async () => {
    const workDir = mkdtempSync(path.join(os.tmpdir(), 'atlas-hook-z-'));
    const corpusFile = path.join(workDir, 'tiny-corpus.txt');
    writeFileSync(corpusFile, TINY_CORPUS);
    db = await openDatabase({ inMemory: true });
    const recipe = { ...tinyRecipe(corpusFile), hook: 'blocks.1.attn.hook_z', width: 32 };
    result = await buildAtlas(recipe, { db, workDir, progress: silentProgress, log: () => {} });
    api = await createApiServer({ db, port: 0 });
  });

  afterAll(async () => {
    await api?.stop();
    await db?.close();
  });

  it('serves, per feature, each head’s share of the decoder row’s squared norm', async () => {
    type Node = { decoderVector: number[]; headAttribution: { head: number; share: number }[] | null };
    const { data, errors } = await graphql<{ features: { edges: { node: Node }[] } }>(
      api.url,
      `query ($sae: ID!) { features(saeId: $sae, first: 32) { edges { node { decoderVector headAttribution { head share } } } } }`,
      { sae: result.saeId },
    );
    expect(errors).toBeUndefined();
    const nodes = data!.features.edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(32);
    for (const { decoderVector, headAttribution } of nodes) {
      expect(decoderVector).toHaveLength(256);
      expect(headAttribution?.map((h) => h.head)).toEqual([0, 1, 2, 3]);
      const dHead = decoderVector.length / HEADS;
      const energy = (from: number, to: number) => decoderVector.slice(from, to).reduce((sum, x) => sum + x * x, 0);
      const total = energy(0, decoderVector.length);
      headAttribution!.forEach(({ head, share }) => {
        // Stored decoders are halfvec (~3 significant digits); the shares used full precision.
        expect(share).toBeCloseTo(energy(head * dHead, (head + 1) * dHead) / total, 2);
      });
      expect(headAttribution!.reduce((sum, h) => sum + h.share, 0)).toBeCloseTo(1, 5);
    }
  });

  it('steers at the hook_z hook: strength 0 changes nothing, a large strength changes the continuation', async () => {
    type Steer = { steer: { hookName: string; baseline: { text: string }; steered: { text: string; tokens: string[] } } };
    const query = `query ($id: ID!, $s: Float!) { steer(featureId: $id, strength: $s, prompt: "Call me Ishmael.", maxTokens: 12) {
      hookName baseline { text } steered { text tokens } } }`;
    const zero = await graphql<Steer>(api.url, query, { id: `${result.saeId}/0`, s: 0 });
    expect(zero.errors).toBeUndefined();
    expect(zero.data!.steer.hookName).toBe('blocks.1.attn.hook_z');
    expect(zero.data!.steer.steered.text).toBe(zero.data!.steer.baseline.text);
    const strong = await graphql<Steer>(api.url, query, { id: `${result.saeId}/0`, s: -200 });
    expect(strong.errors).toBeUndefined();
    expect(strong.data!.steer.steered.tokens).toHaveLength(12);
    expect(strong.data!.steer.steered.text).not.toBe(strong.data!.steer.baseline.text);
  });
});
