import { createHash } from 'node:crypto';
import type { RepresentationSpec } from '@atlas/db';
import type { SaeWeights } from '@atlas/sae';
import { VECTOR_CODEC_VERSION } from './vector-codec.ts';

/** Stored features per sample by default: the largest mean codes (Σ and count of all are kept; see `SparseVector`). */
export const DEFAULT_MAX_FEATURES = 128;

export const saeRepresentationKey = (saeId: string) => `sae:${saeId}`;
export const hiddenRepresentationKey = (modelId: string, hook: string) => `hidden:${modelId}/${hook}`;
export const embeddingRepresentationKey = (id: EmbedderIdentity) => `embedding:${id.name}@${id.checksum}`;

/** An embedder as a selection records it: `name@version#<first 12 of the checksum>`, the key `@atlas/embed`'s `embedderKey` gives. */
export const selectionEmbedderKey = (id: EmbedderIdentity) => `${id.name}@${id.version ?? ''}#${id.checksum.slice(0, 12)}`;

/** What names an embedder's vectors (the `id` of `@atlas/embed` embedders). */
export interface EmbedderIdentity {
  name: string;
  version?: string;
  checksum: string;
}

/** Identifies SAE weights: a changed SAE under the same id makes its stored vectors stale. */
export function saeFingerprint(sae: SaeWeights): string {
  const hash = createHash('sha256');
  for (const part of [sae.W_enc, sae.b_enc, sae.b_dec, sae.threshold]) {
    if (part) hash.update(new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
  }
  hash.update(JSON.stringify({ architecture: sae.cfg.architecture, k: sae.cfg.k, normalize: sae.cfg.normalizeActivations ?? null }));
  return `sha256:${hash.digest('hex').slice(0, 32)}`;
}

export function saeSpec(
  poolId: string,
  args: { saeId: string; modelId: string; hook: string; sae: SaeWeights; windowTokens: number; maxFeatures: number },
): RepresentationSpec {
  return {
    poolId,
    key: saeRepresentationKey(args.saeId),
    kind: 'sae',
    saeId: args.saeId,
    modelId: args.modelId,
    hookName: args.hook,
    dimensions: args.sae.cfg.width,
    settings: { pooling: 'mean', windowTokens: args.windowTokens, maxFeatures: args.maxFeatures, codec: VECTOR_CODEC_VERSION, weights: saeFingerprint(args.sae) },
  };
}

export function hiddenSpec(poolId: string, args: { modelId: string; hook: string; dIn: number; windowTokens: number }): RepresentationSpec {
  return {
    poolId,
    key: hiddenRepresentationKey(args.modelId, args.hook),
    kind: 'hidden',
    saeId: null,
    modelId: args.modelId,
    hookName: args.hook,
    dimensions: 2 * args.dIn,
    settings: { pooling: 'mean', split: 'positive-negative', windowTokens: args.windowTokens, codec: VECTOR_CODEC_VERSION },
  };
}

export function embeddingSpec(poolId: string, id: EmbedderIdentity, dimensions: number): RepresentationSpec {
  return {
    poolId,
    key: embeddingRepresentationKey(id),
    kind: 'embedding',
    saeId: null,
    modelId: null,
    hookName: null,
    dimensions,
    settings: { embedder: id.name, version: id.version ?? null, checksum: id.checksum, codec: VECTOR_CODEC_VERSION },
  };
}
