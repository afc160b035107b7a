import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Dictionary } from '@atlas/compare';
import { getModelSourcePaths, getSaeDecoderMatrix, getSaeWeightsPaths, type AtlasDb, type SaeRow } from '@atlas/db';
import { AtlasError } from '@atlas/errors';
import { loadLanguageModel, type LanguageModel } from '@atlas/model';
import { loadSae, type SaeWeights } from '@atlas/sae';
import { UserError } from '../errors.ts';

/** An SAE's decoder rows as stored (halfvec precision: cosines to ~3 digits). */
export async function storedDictionary(db: AtlasDb, sae: SaeRow): Promise<Dictionary> {
  const matrix = await getSaeDecoderMatrix(db, sae.id);
  if (!matrix) throw new UserError(`No SAE "${sae.id}" in the atlas.`, { code: 'NOT_FOUND' });
  return { id: sae.id, W_dec: matrix.W_dec, width: matrix.width, dIn: matrix.dIn, modelId: sae.modelId, hookName: sae.hookName };
}

/** The SAE's model, from `models.source_path` (MODEL_UNAVAILABLE when its files are not on this machine). */
export async function comparedModel(db: AtlasDb, sae: SaeRow): Promise<LanguageModel> {
  const dir = (await getModelSourcePaths(db, [sae.modelId])).get(sae.modelId);
  if (!dir || !existsSync(path.resolve(dir))) {
    throw new AtlasError(
      `Model "${sae.modelId}" is not on this machine (models.source_path ${dir ? 'names a missing folder' : 'is empty'}); ` +
        'this method runs the model over a corpus. Run the comparison where the atlas was built, or use method decoder-cosine.',
      { code: 'MODEL_UNAVAILABLE' },
    );
  }
  return loadLanguageModel(path.resolve(dir));
}

/** The SAE's weights (its encoder too), from `saes.weights_path` recorded by the build. */
export async function comparedSaeWeights(db: AtlasDb, sae: SaeRow): Promise<SaeWeights> {
  const dir = (await getSaeWeightsPaths(db, [sae.id])).get(sae.id);
  if (!dir || !existsSync(path.resolve(dir))) {
    throw new AtlasError(
      `The weights of SAE "${sae.id}" are not on this machine (saes.weights_path ${dir ? 'names a missing folder' : 'is empty: it was built before weights paths were recorded'}); ` +
        'activation correlation and families encode with them. Rebuild the SAE here (atlas build / build-demo), or compare by decoder-cosine.',
      { code: 'MODEL_UNAVAILABLE' },
    );
  }
  return loadSae(path.resolve(dir));
}
