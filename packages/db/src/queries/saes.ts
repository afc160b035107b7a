import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { corpora, saes } from '../schema/index.ts';
import { inRequestOrder } from '../sql/request-order.ts';

export type SaeMetrics = { l0: number; fvu: number; deadFraction: number };

export type SaeRow = {
  id: string;
  modelId: string;
  hookName: string;
  architecture: string;
  /** Dictionary kind: `sae`, `transcoder`, `neuron`, `expert`, ... */
  kind: string;
  dIn: number;
  width: number;
  k: number | null;
  trainingTokens: number | null;
  statisticsTokens: number | null;
  corpusName: string | null;
  metrics: SaeMetrics | null;
  createdAt: Date;
};

/** Complete SAEs, by id; optionally of one model. */
export async function listSaes(db: AtlasDb, filter: { modelId?: string } = {}): Promise<SaeRow[]> {
  return selectCompleteSaes(db, filter.modelId === undefined ? undefined : eq(saes.modelId, filter.modelId));
}

/** Complete SAEs with the given ids, in the order asked (missing or incomplete ones left out). */
export async function getSaesByIds(db: AtlasDb, ids: readonly string[]): Promise<SaeRow[]> {
  if (ids.length === 0) return [];
  const rows = await selectCompleteSaes(db, inArray(saes.id, [...new Set(ids)]));
  return inRequestOrder(ids, rows, (row) => row.id);
}

async function selectCompleteSaes(db: AtlasDb, where: SQL | undefined): Promise<SaeRow[]> {
  const rows = await db.orm
    .select({
      id: saes.id,
      modelId: saes.modelId,
      hookName: saes.hookName,
      architecture: saes.architecture,
      kind: saes.kind,
      dIn: saes.dIn,
      width: saes.width,
      k: saes.k,
      trainingTokens: saes.trainingTokens,
      statisticsTokens: saes.statisticsTokens,
      corpusName: corpora.name,
      l0: saes.l0,
      fvu: saes.fvu,
      deadFraction: saes.deadFraction,
      createdAt: saes.createdAt,
    })
    .from(saes)
    .leftJoin(corpora, eq(corpora.id, saes.corpusId))
    .where(and(eq(saes.status, 'complete'), where))
    .orderBy(asc(saes.id));
  return rows.map(({ l0, fvu, deadFraction, ...row }) => ({
    ...row,
    metrics: l0 === null || fvu === null || deadFraction === null ? null : { l0, fvu, deadFraction },
  }));
}
