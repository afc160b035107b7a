import { eq, sql } from 'drizzle-orm';
import { IngestInputError } from '../errors.ts';
import type { AtlasDb } from '../orm.ts';
import { builds, corpora, models, saes } from '../schema/index.ts';
import { deleteSae, getSaeBuild } from './builds.ts';
import { createDecoderIndex, HNSW_MAX_DIMENSIONS } from './decoders.ts';
import { insertActivations, insertExamples } from './ingest/activation-rows.ts';
import { storeContexts } from './ingest/contexts.ts';
import { insertHeadAttributions, insertLogitEffects, insertNeighbours } from './ingest/dashboard-rows.ts';
import { insertDecoders, insertFeatures, insertHistograms, insertQuantileBins } from './ingest/feature-rows.ts';
import { insertLabels } from './ingest/label-rows.ts';
import { insertMapClusters } from './ingest/map-cluster-rows.ts';
import type { IngestResult, IngestSaeInput } from './ingest/types.ts';

export type * from './ingest/types.ts';

/** SAEs at least this wide get an HNSW decoder index unless `decoderIndex` says otherwise. */
export const DECODER_INDEX_MIN_FEATURES = 16_384;

/**
 * Loads one SAE's atlas (features, decoders, examples, activations, histograms, quantile
 * bins, neighbours, logit effects, head attributions, labels, and any new contexts) in ONE transaction: readers see the old state or the new one, and a killed or
 * failed run leaves nothing. A complete SAE with the same checksum is skipped; one with another
 * checksum is replaced. Concurrent ingests of the same SAE are serialised by an advisory lock.
 */
export async function ingestSaeAtlas(db: AtlasDb, input: IngestSaeInput): Promise<IngestResult> {
  const { sae, checksum } = input;
  const skip = await completedBuild(db, sae.id, checksum);
  if (skip) return skip;
  try {
    return await db.transaction(async (tx) => {
      await tx.orm.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`atlas-ingest:${sae.id}`}, 0))`);
      return (await completedBuild(tx, sae.id, checksum)) ?? (await loadAtlas(tx, input));
    });
  } catch (error) {
    await recordFailedBuild(db, sae.id, checksum, error);
    throw error;
  }
}

async function completedBuild(db: AtlasDb, saeId: string, checksum: string): Promise<IngestResult | null> {
  const current = await getSaeBuild(db, saeId);
  if (current?.status !== 'complete' || current.checksum !== checksum) return null;
  const [build] = await db.orm
    .select({ rowCounts: builds.rowCounts })
    .from(builds)
    .innerJoin(saes, eq(saes.buildId, builds.id))
    .where(eq(saes.id, saeId));
  return { skipped: true, rows: build?.rowCounts ?? {} };
}

async function loadAtlas(tx: AtlasDb, input: IngestSaeInput): Promise<IngestResult> {
  const { sae, checksum, corpus } = input;
  const progress = input.onProgress ?? (() => {});
  const [model] = await tx.orm.select({ id: models.id }).from(models).where(eq(models.id, sae.modelId));
  if (!model) throw new IngestInputError(`model ${sae.modelId} does not exist; upsertModel() it first`);

  const [build] = await tx.orm.insert(builds).values({ saeId: sae.id, checksum }).returning({ id: builds.id });
  if (!build) throw new Error('could not record the build');
  await deleteSae(tx, sae.id);
  await tx.orm
    .insert(corpora)
    .values(corpus)
    .onConflictDoUpdate({ target: corpora.id, set: { name: corpus.name } });
  await tx.orm.insert(saes).values({
    id: sae.id,
    modelId: sae.modelId,
    hookName: sae.hookName,
    kind: sae.kind,
    architecture: sae.architecture,
    dIn: sae.dIn,
    width: sae.width,
    k: sae.k,
    trainingTokens: sae.trainingTokens,
    statisticsTokens: sae.statisticsTokens,
    corpusId: corpus.id,
    l0: sae.metrics?.l0 ?? null,
    fvu: sae.metrics?.fvu ?? null,
    deadFraction: sae.metrics?.deadFraction ?? null,
    status: 'building',
    buildId: build.id,
    weightsPath: sae.weightsPath ?? null,
  });

  const stored = await storeContexts(tx, sae.modelId, corpus.id, input.contexts, progress);
  const idByIndex = await insertFeatures(tx, sae.id, input.features, progress);
  const ids = {
    featureId: (index: number) => lookup(idByIndex, index, 'feature index'),
    contextId: (key: string) => lookup(stored.idByKey, key, 'context key'),
  };
  const rows: Record<string, number> = {
    contexts: stored.inserted,
    contextsReused: stored.reused,
    features: idByIndex.size,
    decoders: await insertDecoders(tx, sae.id, sae.dIn, input.features, idByIndex, progress),
    examples: await insertExamples(tx, input.examples, ids, progress),
    activations: await insertActivations(tx, input.activations, ids, progress),
    histogramBins: await insertHistograms(tx, input.histograms, ids.featureId, progress),
  };
  if (input.quantileBins) rows.quantileBins = await insertQuantileBins(tx, input.quantileBins, ids.featureId, progress);
  if (input.neighbours) rows.neighbours = await insertNeighbours(tx, input.neighbours, ids.featureId, progress);
  if (input.logitEffects) rows.logitEffects = await insertLogitEffects(tx, input.logitEffects, ids.featureId, progress);
  if (input.labels) rows.labels = await insertLabels(tx, input.labels, ids.featureId, progress);
  if (input.mapClusters || input.features.some((f) => f.mapCluster != null)) {
    rows.mapClusters = await insertMapClusters(tx, sae.id, input.mapClusters ?? [], input.features);
  }
  if (input.headAttributions) {
    rows.headAttributions = await insertHeadAttributions(tx, input.headAttributions, ids.featureId, progress);
  }
  // Past pgvector's HNSW limit (d_in 4096 models, say) the decoders stay unindexed and neighbours are searched exactly.
  const indexable = sae.dIn <= HNSW_MAX_DIMENSIONS;
  if (input.features.length > 0 && indexable && (input.decoderIndex ?? input.features.length >= DECODER_INDEX_MIN_FEATURES)) {
    progress(0, 1, 'decoder index');
    await createDecoderIndex(tx, sae.id, sae.dIn);
    progress(1, 1, 'decoder index');
  }

  await tx.orm.update(saes).set({ status: 'complete' }).where(eq(saes.id, sae.id));
  await tx.orm
    .update(builds)
    .set({ status: 'complete', finishedAt: new Date(), rowCounts: rows })
    .where(eq(builds.id, build.id));
  return { skipped: false, rows };
}

function lookup<K>(map: ReadonlyMap<K, number>, key: K, what: string): number {
  const id = map.get(key);
  if (id === undefined) throw new IngestInputError(`unknown ${what}: ${String(key)}`);
  return id;
}

/** The transaction rolled back; keep a record of the attempt (best effort: the error is what matters). */
async function recordFailedBuild(db: AtlasDb, saeId: string, checksum: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  try {
    await db.orm
      .insert(builds)
      .values({ saeId, checksum, status: 'failed', finishedAt: new Date(), error: message.slice(0, 2000) });
  } catch {
    // The database itself may be what failed; the caller still gets the original error.
  }
}
