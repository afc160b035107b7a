import { AtlasError } from '@atlas/errors';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../paths.ts';

export const BUNDLE_FORMAT = 'feature-atlas-sae-bundle';
/** Bump when a file's rows change meaning; readers refuse newer versions rather than guess. */
export const BUNDLE_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const CONTEXTS_TABLE = 'contexts';

/** A bundle that cannot be written or read as asked; the message names the file and the fix. */
export class BundleError extends AtlasError {
  static override defaultCode = 'BAD_USER_INPUT' as const;
  override readonly name = 'BundleError';
}

const fileEntry = z.object({
  path: z.string().regex(/^[a-z_]+\.jsonl\.gz$/, 'a file name like features.jsonl.gz'),
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const bundleManifest = z.object({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.number().int().positive(),
  createdAt: z.string(),
  atlasVersion: z.string(),
  /** The build checksum of the exported SAE: importing the same bundle twice is a no-op. */
  checksum: z.string(),
  model: z.object({
    id: z.string(), displayName: z.string(), architecture: z.string(),
    layerCount: z.number().int(), dModel: z.number().int(), vocabSize: z.number().int(), contextLength: z.number().int(),
  }),
  corpus: z.object({ id: z.string(), name: z.string() }),
  sae: z.object({
    id: z.string(), modelId: z.string(), hookName: z.string(), architecture: z.string(), kind: z.string(),
    dIn: z.number().int().positive(), width: z.number().int().positive(), k: z.number().int().nullable(),
    trainingTokens: z.number().nullable(), statisticsTokens: z.number().nullable(), corpusName: z.string().nullable(),
    metrics: z.object({ l0: z.number(), fvu: z.number(), deadFraction: z.number() }).nullable(),
  }),
  /** One entry per table, `contexts` included. */
  files: z.record(z.string(), fileEntry),
});

export type BundleManifest = z.infer<typeof bundleManifest>;

/** The atlas release that wrote a bundle (the @atlas/db package version). */
export const atlasVersion: string = (
  JSON.parse(readFileSync(resolve(repoRoot, 'packages/db/package.json'), 'utf8')) as { version: string }
).version;
