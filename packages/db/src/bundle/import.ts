import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AtlasDb } from '../orm.ts';
import { ingestSaeAtlas } from '../queries/ingest.ts';
import type { IngestProgress, IngestResult, IngestSaeInput } from '../queries/ingest/types.ts';
import { getModelsByIds, upsertModel } from '../queries/models.ts';
import { readJsonl, sha256OfFile } from './jsonl.ts';
import { BUNDLE_FORMAT_VERSION, BundleError, bundleManifest, CONTEXTS_TABLE, MANIFEST_FILE, type BundleManifest } from './manifest.ts';
import { COMPARISONS_TABLE, restoreComparisons, type BundleComparison, type RestoredComparisons } from './comparisons.ts';
import { HUMAN_LABELS_TABLE, importHumanLabels, type HumanLabelImport, type HumanLabelLine } from './human-labels.ts';
import { BUNDLE_TABLES } from './tables.ts';

export type ImportResult = IngestResult & {
  saeId: string;
  /** The bundle's comparisons: restored where both SAEs are here at the compared builds, else skipped with the reason. */
  comparisons: RestoredComparisons;
  /** What came of the bundle's human labels; absent when it carries none (exported without --with-labels, or older). */
  humanLabels?: HumanLabelImport;
};

/**
 * Loads a bundle written by `exportSaeBundle`: the manifest and every file's checksum and row
 * count are verified before anything is written, then the SAE goes in through `ingestSaeAtlas`
 * (one transaction; contexts shared with ones already stored; the same bundle twice is a no-op).
 */
export async function importSaeBundle(db: AtlasDb, dir: string, onProgress?: IngestProgress): Promise<ImportResult> {
  const { manifest, input, comparisons } = await readSaeBundle(dir);
  // A model already here keeps its own description; the ingest checks the contexts' token ids agree.
  const [existing] = await getModelsByIds(db, [manifest.model.id]);
  if (!existing) await upsertModel(db, manifest.model);
  const result = await ingestSaeAtlas(db, { ...input, ...(onProgress ? { onProgress } : {}) });
  // After the SAE is in (also when it was already): a run needs both of its SAEs stored.
  const restored = await restoreComparisons(db, comparisons);
  if (!manifest.files[HUMAN_LABELS_TABLE]) return { ...result, saeId: manifest.sae.id, comparisons: restored };
  // After the SAE (its own transaction), in one more: an import that stops between the two is
  // rerun as a whole, the SAE skipped as already there and the labels written then.
  const lines = (await rowsOf(dir, manifest, HUMAN_LABELS_TABLE)) as HumanLabelLine[];
  const humanLabels = await importHumanLabels(db, manifest.sae.id, lines);
  return { ...result, saeId: manifest.sae.id, comparisons: restored, humanLabels };
}

/** Reads and verifies a bundle into an ingest input; throws `BundleError` naming the bad file. */
export async function readSaeBundle(dir: string): Promise<{ manifest: BundleManifest; input: IngestSaeInput; comparisons: BundleComparison[] }> {
  const manifest = await readManifest(dir);
  const known = new Set([CONTEXTS_TABLE, COMPARISONS_TABLE, ...BUNDLE_TABLES.map((table) => table.name), HUMAN_LABELS_TABLE]);
  const unknown = Object.keys(manifest.files).filter((table) => !known.has(table));
  if (unknown.length > 0) {
    throw new BundleError(`${dir} has tables this atlas cannot load (${unknown.join(', ')}); import it with a newer atlas.`);
  }
  const optional = new Set([COMPARISONS_TABLE, ...BUNDLE_TABLES.filter((table) => table.optional).map((table) => table.name), HUMAN_LABELS_TABLE]);
  for (const table of known) {
    if (!manifest.files[table] && !optional.has(table)) throw new BundleError(`${path.join(dir, MANIFEST_FILE)} lists no file for table ${table}; re-export the bundle.`);
  }
  // Every checksum first: a bad file anywhere means nothing is parsed or written.
  for (const entry of Object.values(manifest.files)) {
    const file = path.join(dir, entry.path);
    if (!existsSync(file)) throw new BundleError(`Bundle file missing: ${file}. Copy the whole bundle folder, or re-export it.`);
    const { sha256, bytes } = await sha256OfFile(file);
    if (sha256 !== entry.sha256) {
      throw new BundleError(
        `Bundle file ${file} is corrupt or truncated: ${bytes} bytes with sha256 ${sha256.slice(0, 12)}…, ` +
          `manifest says ${entry.bytes} bytes, ${entry.sha256.slice(0, 12)}…. Copy it again, or re-export the bundle.`,
      );
    }
  }

  const input: IngestSaeInput = {
    sae: manifest.sae, checksum: manifest.checksum, corpus: manifest.corpus,
    contexts: [], features: [], examples: [], activations: [], histograms: [],
  };
  input.contexts = (await rowsOf(dir, manifest, CONTEXTS_TABLE)) as IngestSaeInput['contexts'];
  for (const table of BUNDLE_TABLES) table.load(await rowsOf(dir, manifest, table.name), input);
  return { manifest, input, comparisons: (await rowsOf(dir, manifest, COMPARISONS_TABLE)) as BundleComparison[] };
}

async function readManifest(dir: string): Promise<BundleManifest> {
  const file = path.join(dir, MANIFEST_FILE);
  if (!existsSync(file)) throw new BundleError(`No ${MANIFEST_FILE} in ${dir}: not a bundle written by \`atlas export\`.`);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new BundleError(`${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}); re-export the bundle.`);
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > BUNDLE_FORMAT_VERSION) {
    throw new BundleError(`${file} is bundle format ${version}; this atlas reads up to ${BUNDLE_FORMAT_VERSION}. Upgrade the atlas to import it.`);
  }
  const parsed = bundleManifest.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new BundleError(`${file} is not a valid bundle manifest (${problems}).`);
  }
  return parsed.data;
}

async function rowsOf(dir: string, manifest: BundleManifest, table: string): Promise<unknown[]> {
  const entry = manifest.files[table];
  if (!entry) return []; // an optional table the bundle predates (checked in readSaeBundle)
  const file = path.join(dir, entry.path);
  let rows: unknown[];
  try {
    rows = await readJsonl(file);
  } catch (error) {
    throw new BundleError(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}. Re-export the bundle.`);
  }
  if (rows.length !== entry.rows) throw new BundleError(`${file} has ${rows.length} rows; the manifest says ${entry.rows}. Re-export the bundle.`);
  return rows;
}
