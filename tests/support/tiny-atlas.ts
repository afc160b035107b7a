import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createApiServer } from '@atlas/api';
import { openDatabase, type AtlasDb } from '@atlas/db';
import { demoModelDir } from '@atlas/demo-model';
import { buildAtlas, silentProgress, type AtlasRecipe, type BuildResult } from '@atlas/pipeline';

/** A few public-domain paragraphs: enough text for a tiny but real atlas. */
export const TINY_CORPUS = [
  'Call me Ishmael. Some years ago, never mind how long precisely, having little or no money in my purse, and nothing particular to interest me on shore, I thought I would sail about a little and see the watery part of the world.',
  'Mr. Speaker, Mr. President, distinguished Members of the Congress, I come before you tonight to report on the state of the Union. Our economy is strong, our people are working, and our nation is at peace.',
  'There now is your insular city of the Manhattoes, belted round by wharves as Indian isles by coral reefs; commerce surrounds it with her surf. Right and left, the streets take you waterward.',
  'We must ask the Congress to act on taxes, on trade and on the budget, so that every family in America may share in the prosperity that our workers and our farmers have built.',
  'a large body of water; the ocean. "the ship sailed across the sea"\n\na person who works on a ship; a sailor. "the whaleman climbed the mast"',
  'It is a way I have of driving off the spleen and regulating the circulation. Whenever I find myself growing grim about the mouth; whenever it is a damp, drizzly November in my soul, I account it high time to get to sea as soon as I can.',
].join('\n\n');

export interface TinyAtlas {
  db: AtlasDb;
  recipe: AtlasRecipe;
  result: BuildResult;
  workDir: string;
  corpusFile: string;
}

export function tinyRecipe(corpusFile: string): AtlasRecipe {
  return {
    modelDir: demoModelDir,
    modelId: 'demo-lm',
    modelDisplayName: 'Demo LM',
    hook: 'blocks.2.hook_resid_post',
    corpus: corpusFile,
    tokens: 256,
    seqLen: 32,
    width: 64,
    k: 4,
    epochs: 20,
    batchSize: 128,
    seed: 1,
    topK: 5,
  };
}

/**
 * The demo atlas' shape at a small scale: the held-out demo corpus in 64-token contexts, 20 top
 * activations and full quantile bins per feature, so a feature page carries what the demo's does
 * (its HTML size and layout are measured on this), with 256 features and 8,192 tokens to stay quick.
 */
export function demoLikeRecipe(): AtlasRecipe {
  const base = tinyRecipe('demo-heldout');
  // The tiny recipe trains its SAE; narrowing to that side of the union keeps the override typed.
  if (!('width' in base)) throw new Error('tinyRecipe should train an SAE');
  return { ...base, tokens: 8192, seqLen: 64, width: 256, k: 16, epochs: 4, topK: 20 };
}

/** Builds a tiny atlas with the real pipeline (demo LM → activations → TopK SAE → stats) into PGlite. */
export async function buildTinyAtlas(options: { dataDir?: string; recipe?: 'tiny' | 'demo-like' } = {}): Promise<TinyAtlas> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'atlas-tiny-'));
  const corpusFile = path.join(workDir, 'tiny-corpus.txt');
  writeFileSync(corpusFile, TINY_CORPUS);
  const db = await openDatabase(options.dataDir ? { dataDir: options.dataDir } : { inMemory: true });
  const recipe = options.recipe === 'demo-like' ? demoLikeRecipe() : tinyRecipe(corpusFile);
  const result = await buildAtlas(recipe, { db, workDir, progress: silentProgress, log: () => {} });
  return { db, recipe, result, workDir, corpusFile };
}

/**
 * For a describe block: the tiny atlas, built once before its tests and served by the real API
 * on an ephemeral port, both closed after them. Read `atlas` and `url` inside the tests.
 */
export function serveTinyAtlas(): { readonly atlas: TinyAtlas; readonly url: string } {
  let atlas: TinyAtlas | undefined;
  let api: { url: string; stop(): Promise<void> } | undefined;
  beforeAll(async () => {
    atlas = await buildTinyAtlas();
    api = await createApiServer({ db: atlas.db, port: 0 });
  });
  afterAll(async () => {
    await api?.stop();
    await atlas?.db.close();
  });
  return {
    get atlas() {
      if (!atlas) throw new Error('The tiny atlas is built in beforeAll; read it inside a test.');
      return atlas;
    },
    get url() {
      if (!api) throw new Error('The API starts in beforeAll; read its url inside a test.');
      return api.url;
    },
  };
}
