import { existsSync } from 'node:fs';
import path from 'node:path';
import { listCorpora } from '@atlas/corpus';
import { openDatabase } from '@atlas/db';
import { demoModelDir } from '@atlas/demo-model';
import { buildAtlas, type AtlasRecipe } from '../build-atlas.ts';
import { scaleOutFromOptions } from '../scale-out/cli-options.ts';
import type { ScaleOutOptions } from '../scale-out/statistics-stage.ts';
import { UserError } from '../errors.ts';
import { requireDirectory } from '../files.ts';
import { buildOptions, parseOptions } from '../options.ts';
import { atlasDataDir } from '../paths.ts';
import { terminalProgress } from '../progress.ts';

type BuildOptions = ReturnType<typeof parseBuildOptions>;

const parseBuildOptions = (raw: Record<string, unknown>) => parseOptions(buildOptions, raw);

/** The demo LM as the atlas names it (`build-demo` and `build` alike). */
export const DEMO_MODEL = { id: 'demo-lm', displayName: 'Demo LM (4-layer GPT, SOTU + Moby-Dick + WordNet)' } as const;

/** The demo LM keeps its id and name everywhere, so its SAEs share stored contexts with the demo atlas. */
function modelFor(options: BuildOptions): { id: string; displayName: string } {
  const isDemo = path.resolve(options.model) === path.resolve(demoModelDir);
  if (isDemo && (options.modelId === undefined || options.modelId === DEMO_MODEL.id)) return DEMO_MODEL;
  const id = options.modelId ?? path.basename(path.resolve(options.model)).replace(/[^A-Za-z0-9._-]/g, '-');
  return { id, displayName: id };
}

/** Checks everything that can be checked before minutes of work: folders, corpus. */
export function buildRecipe(options: BuildOptions): AtlasRecipe {
  requireDirectory(options.model, 'Model folder', 'Pass --model with a Hugging Face ONNX folder (config.json, tokenizer.json, onnx/model.onnx).');
  requireDirectory(options.sae, 'SAE folder', 'Pass --sae with a SAELens folder (cfg.json + sae_weights.safetensors) or a sparsify folder.');
  const builtIn = listCorpora().map((corpus) => corpus.name);
  if (!builtIn.includes(options.corpus) && !existsSync(options.corpus)) {
    throw new UserError(
      `Corpus not found: "${options.corpus}" is neither a built-in corpus (${builtIn.join(', ')}) nor a file ` +
        `(tried ${path.resolve(options.corpus)}). Pass --corpus with one of those names or a .txt/.jsonl file.`,
    );
  }
  const model = modelFor(options);
  return {
    modelDir: options.model,
    modelId: model.id,
    modelDisplayName: model.displayName,
    hook: options.hook,
    corpus: options.corpus,
    tokens: options.tokens,
    seqLen: options.seqLen,
    seed: options.seed,
    topK: options.topK,
    saeDir: options.sae,
    ...(options.id === undefined ? {} : { saeId: options.id }),
    ...(options.coactivationMemory === undefined ? {} : { coactivationMemoryMiB: options.coactivationMemory }),
  };
}

/** `atlas build --model DIR --sae DIR --hook NAME --corpus NAME|FILE --tokens N`: an existing SAE → an atlas entry. */
export async function runBuild(raw: Record<string, unknown>): Promise<void> {
  await buildIntoDatabase(buildRecipe(parseBuildOptions(raw)), scaleOutFromOptions(raw));
}

/** Builds a recipe into the configured database (PGlite or DATABASE_URL) and reports the rows written. */
export async function buildIntoDatabase(recipe: AtlasRecipe, scaleOut?: ScaleOutOptions): Promise<void> {
  const db = await openDatabase();
  try {
    const started = performance.now();
    const result = await buildAtlas(recipe, {
      db,
      workDir: path.join(atlasDataDir(), 'work'),
      progress: terminalProgress,
      log: (line) => console.log(line),
      ...(scaleOut ? { scaleOut } : {}),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (!result.skipped) {
      const counts = Object.entries(result.rows).map(([table, count]) => `${table} ${count}`).join(', ');
      console.log(`Built ${result.saeId} in ${seconds} s (${counts}).`);
    }
  } finally {
    await db.close();
  }
}
