import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { getSaeBuild } from '../queries/builds.ts';
import { getModelsByIds } from '../queries/models.ts';
import { getSaesByIds } from '../queries/saes.ts';
import { pgArray } from '../sql/arrays.ts';
import { queryRows } from '../sql/rows.ts';
import { openJsonlWriter, type JsonlWriter } from './jsonl.ts';
import {
  atlasVersion, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, BundleError, CONTEXTS_TABLE, MANIFEST_FILE, type BundleManifest,
} from './manifest.ts';
import { comparisonLines, COMPARISONS_TABLE } from './comparisons.ts';
import { HUMAN_LABELS_TABLE, humanLabelsQuery } from './human-labels.ts';
import { BUNDLE_TABLES } from './tables.ts';

/** Features per query: bounds memory to a page of rows, whatever the SAE's width. */
const FEATURE_PAGE = 1024;
const CONTEXT_PAGE = 5000;

export type ExportProgress = (table: string, rows: number) => void;

export type ExportOptions = {
  /**
   * Carry the SAE's human labels: every version, the votes, review and moderation, users as
   * handles (`human_labels`). Off by default: they are contributors' work and say who voted for
   * what, so they leave the atlas only when whoever exports asks for it.
   */
  withLabels?: boolean;
};

/**
 * Writes one complete SAE as a bundle folder: a gzipped JSON-lines file per table (streamed
 * page by page) and `manifest.json` with each file's sha256 and row count. Reads one snapshot
 * (a concurrent re-ingest cannot mix two builds); writes a temporary folder renamed at the end,
 * so `outDir` is either absent or complete.
 */
export async function exportSaeBundle(
  db: AtlasDb, saeId: string, outDir: string, onProgress: ExportProgress = () => {}, options: ExportOptions = {},
): Promise<BundleManifest> {
  if (existsSync(outDir)) throw new BundleError(`${outDir} already exists; pass a new --out folder (or delete it first).`);
  const partial = `${outDir}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  try {
    const manifest = await db.transaction(async (tx) => {
      await tx.orm.execute(sql`set transaction isolation level repeatable read, read only`);
      return writeBundle(tx, saeId, partial, onProgress, options);
    });
    await writeFile(path.join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(partial, outDir);
    return manifest;
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

async function writeBundle(tx: AtlasDb, saeId: string, dir: string, onProgress: ExportProgress, options: ExportOptions): Promise<BundleManifest> {
  const [sae] = await getSaesByIds(tx, [saeId]);
  const build = await getSaeBuild(tx, saeId);
  if (!sae || !build) throw new BundleError(`No complete SAE "${saeId}" in this database; \`atlas build\` it first or check the id.`);
  const [model] = await getModelsByIds(tx, [sae.modelId]);
  const [corpus] = await queryRows<{ id: string; name: string }>(
    tx, sql`select c.id, c.name from saes s join corpora c on c.id = s.corpus_id where s.id = ${saeId}`,
  );
  if (!model || !corpus) throw new BundleError(`SAE "${saeId}" has no model or corpus row; rebuild it.`);

  const files: BundleManifest['files'] = {};
  const write = async (table: string, pages: AsyncIterable<string[]>) => {
    const file = `${table}.jsonl.gz`;
    const writer = openJsonlWriter(path.join(dir, file));
    await writeAll(writer, pages, (rows) => onProgress(table, rows));
    files[table] = { path: file, ...(await writer.close()) };
  };
  await write(CONTEXTS_TABLE, contextPages(tx, saeId));
  for (const table of BUNDLE_TABLES) {
    await write(table.name, featurePages(sae.width, (lo, hi) => queryRows<{ line: string }>(tx, table.query(saeId, lo, hi))));
  }
  await write(COMPARISONS_TABLE, (async function* () { yield await comparisonLines(tx, saeId); })());
  if (options.withLabels) {
    await write(HUMAN_LABELS_TABLE, featurePages(sae.width, (lo, hi) => queryRows<{ line: string }>(tx, humanLabelsQuery(saeId, lo, hi))));
  }

  const { createdAt: _modelCreated, ...modelRow } = model;
  const { createdAt: _saeCreated, ...saeRow } = sae;
  return {
    format: BUNDLE_FORMAT, formatVersion: BUNDLE_FORMAT_VERSION, createdAt: new Date().toISOString(), atlasVersion,
    checksum: build.checksum, model: modelRow, corpus, sae: saeRow, files,
  };
}

async function writeAll(writer: JsonlWriter, pages: AsyncIterable<string[]>, progress: (rows: number) => void): Promise<void> {
  let rows = 0;
  for await (const lines of pages) {
    for (const line of lines) await writer.write(line);
    rows += lines.length;
    progress(rows);
  }
}

async function* featurePages(width: number, page: (lo: number, hi: number) => Promise<{ line: string }[]>) {
  for (let lo = 0; lo < width; lo += FEATURE_PAGE) {
    yield (await page(lo, Math.min(lo + FEATURE_PAGE, width))).map((row) => row.line);
  }
}

/** Every context a feature of the SAE shows, once, keyed by its row id (the bundle's `contextKey`). */
async function* contextPages(tx: AtlasDb, saeId: string) {
  const used = await queryRows<{ id: number | string }>(
    tx,
    sql`select e.context_id as id from feature_examples e join features f on f.id = e.feature_id where f.sae_id = ${saeId}
        union
        select a.context_id from activations a join features f on f.id = a.feature_id where f.sae_id = ${saeId}
        order by id`,
  );
  const ids = used.map((row) => Number(row.id));
  for (let start = 0; start < ids.length; start += CONTEXT_PAGE) {
    const rows = await queryRows<{ line: string }>(
      tx,
      sql`select json_build_object('key', c.id::text, 'documentId', c.document_id, 'startToken', c.start_token,
            'tokenIds', c.token_ids, 'tokens', c.tokens)::text as line
          from contexts c where c.id = any(${pgArray(ids.slice(start, start + CONTEXT_PAGE), 'bigint')}) order by c.id`,
    );
    yield rows.map((row) => row.line);
  }
}
