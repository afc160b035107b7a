import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Embedder } from '@atlas/embed';
import { getModelSourcePaths, getSaeBuild, getSaesByIds, type AtlasDb } from '@atlas/db';
import type { LanguageModel } from '@atlas/model';
import type { SaeWeights } from '@atlas/sae';
import { SelectError } from '../errors.ts';
import type { SelectionResources } from '../methods/method.ts';

/** Where the SAE and model come from: an atlas SAE id, and optionally its weights folder (else the build's). */
export interface ResourceSpec {
  saeId?: string | undefined;
  /** The SAE's weights folder (SAELens layout); default: `<ATLAS_DATA_DIR>/work/<build checksum>/sae`, where `atlas build-demo`/`build` trained it. */
  saeDir?: string | undefined;
  /** Threads for the model (default: onnxruntime's). */
  threads?: number | undefined;
  /** Load the sentence embedder too (the embedding method): see `loadSelectionEmbedder`. */
  embedder?: boolean | undefined;
}

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** The local data folder (`ATLAS_DATA_DIR`, else `<repo>/.atlas`), as the CLI and the database use it. */
export function atlasDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.ATLAS_DATA_DIR ? path.resolve(env.ATLAS_DATA_DIR) : path.join(repoRoot, '.atlas');
}

// A worker runs many selections on the same model and SAE: each is loaded once per process.
const models = new Map<string, Promise<LanguageModel>>();
const saes = new Map<string, Promise<SaeWeights>>();
const embedders = new Map<string, Promise<Embedder>>();

function once<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let loading = cache.get(key);
  if (!loading) {
    loading = load();
    cache.set(key, loading);
    loading.catch(() => cache.delete(key));
  }
  return loading;
}

/**
 * The model and SAE weights an atlas SAE needs, loaded from this machine: the model from the folder
 * its build recorded (`models.source_path`), the SAE from `saeDir` or its build's work folder.
 * Unknown SAE: NOT_FOUND; files not here: MODEL_UNAVAILABLE saying where they were looked for.
 */
export async function loadSelectionResources(db: AtlasDb, spec: ResourceSpec): Promise<SelectionResources> {
  const embedder = spec.embedder ? { embedder: await loadSelectionEmbedder() } : {};
  if (spec.saeId === undefined) return embedder;
  const [sae] = await getSaesByIds(db, [spec.saeId]);
  if (!sae) throw new SelectError(`No SAE "${spec.saeId}" in the atlas; list SAEs with the saes query, or build it first.`, { code: 'NOT_FOUND' });
  const sourcePath = (await getModelSourcePaths(db, [sae.modelId])).get(sae.modelId) ?? null;
  if (!sourcePath || !existsSync(path.resolve(sourcePath))) {
    throw new SelectError(
      `The files of model "${sae.modelId}" are not on this machine (its build recorded ${sourcePath ? 'a folder that does not exist here' : 'no folder'}); run the selection where the atlas was built.`,
      { code: 'MODEL_UNAVAILABLE' },
    );
  }
  const saeDir = spec.saeDir ?? (await builtSaeDir(db, sae.id));
  if (!saeDir || !existsSync(path.join(saeDir, 'cfg.json'))) {
    throw new SelectError(
      `The weights of SAE "${sae.id}" are not on this machine (${saeDir ? 'no cfg.json in its folder' : 'no build of it here'}); ` +
        'give its SAELens folder (--sae-dir), or run the selection where the atlas was built.',
      { code: 'MODEL_UNAVAILABLE' },
    );
  }
  const modelDir = path.resolve(sourcePath);
  const [model, weights] = await Promise.all([
    once(models, modelDir, async () => (await import('@atlas/model')).loadLanguageModel(modelDir, spec.threads ? { threads: spec.threads } : {})),
    once(saes, path.resolve(saeDir), async () => (await import('@atlas/sae')).loadSae(saeDir)),
  ]);
  return { model, modelId: sae.modelId, sae: { id: sae.id, weights }, ...embedder };
}

/**
 * The embedding method's sentence embedder, the one search is configured with (`@atlas/embed`'s
 * `loadConfiguredEmbedder`): the ONNX folder named by `ATLAS_EMBEDDER_DIR`, else the offline word
 * vectors; loaded once per process. A configured folder that does not load is MODEL_UNAVAILABLE
 * naming the setting (never a silent fall-back to the word vectors: stored vectors would change meaning).
 */
export async function loadSelectionEmbedder(env: NodeJS.ProcessEnv = process.env): Promise<Embedder> {
  const { configuredEmbedderDir, loadConfiguredEmbedder } = await import('@atlas/embed');
  return once(embedders, configuredEmbedderDir(env) ?? 'word-vectors', () => loadConfiguredEmbedder({ env }));
}

/** The folder `atlas build`/`build-demo` trained an SAE into: `<data dir>/work/<checksum prefix>/sae`. */
async function builtSaeDir(db: AtlasDb, saeId: string): Promise<string | undefined> {
  const build = await getSaeBuild(db, saeId);
  return build ? path.join(atlasDataDir(), 'work', build.checksum.slice(0, 16), 'sae') : undefined;
}
