/**
 * Ingest benchmark on the embedded database: ingestSaeAtlas with a demo-sized synthetic SAE
 * (rows/s per table), beside the same activation rows written one INSERT statement at a time —
 * the reference a bulk path must beat. Not a test: `npm run bench` calls benchmarkIngest.
 */
import { sql } from 'drizzle-orm';
import { ingestSaeAtlas, openDatabase, upsertModel, type AtlasDb, type IngestSaeInput } from '../src/index.ts';

export interface IngestBenchmarkOptions {
  width?: number;
  dIn?: number;
  examplesPerFeature?: number;
  positionsPerExample?: number;
  /** Activation rows written one statement each, for the reference rate. */
  rowByRowRows?: number;
  dataDir?: string;
}

export interface IngestBenchmarkResult {
  width: number;
  dIn: number;
  rows: Record<string, number>;
  seconds: number;
  stageSeconds: Record<string, number>;
  activationRowsPerSecond: number;
  allRowsPerSecond: number;
  rowByRowRowsPerSecond: number;
}

function syntheticAtlas(width: number, dIn: number, perFeature: number, positions: number): IngestSaeInput {
  const contextCount = 2000;
  const seqLen = 64;
  let seed = 1;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const input: IngestSaeInput = {
    sae: {
      id: `bench/blocks.2.hook_resid_post/topk-${width}`, modelId: 'bench', hookName: 'blocks.2.hook_resid_post',
      architecture: 'topk', kind: 'sae', dIn, width, k: 32, trainingTokens: null, statisticsTokens: null,
      corpusName: 'bench', metrics: null,
    },
    checksum: 'bench',
    corpus: { id: 'bench', name: 'bench' },
    contexts: Array.from({ length: contextCount }, (_, i) => ({
      key: String(i),
      documentId: `doc-${Math.floor(i / 10)}`,
      startToken: (i % 10) * seqLen,
      tokenIds: Array.from({ length: seqLen }, (_, t) => (i * 7 + t) % 4096),
      tokens: Array.from({ length: seqLen }, (_, t) => ` tok${(i * 7 + t) % 4096}`),
    })),
    features: Array.from({ length: width }, (_, index) => ({
      index, density: random() * 0.01, maxActivation: 10 * random(), meanActivation: random(),
      decoder: Float32Array.from({ length: dIn }, () => random() - 0.5),
    })),
    examples: [],
    activations: [],
    histograms: Array.from({ length: width }, (_, featureIndex) => ({
      featureIndex,
      edges: Array.from({ length: 25 }, (_, i) => 0.1 * 1.2 ** i),
      counts: Array.from({ length: 24 }, () => Math.floor(random() * 100)),
    })),
  };
  for (let f = 0; f < width; f++) {
    for (let rank = 0; rank < perFeature; rank++) {
      const contextKey = String((f * 31 + rank * 97) % contextCount);
      input.examples.push({ featureIndex: f, contextKey, kind: 'top', rank, maxValue: 10 - rank * 0.1, maxPosition: 0 });
      for (let p = 0; p < positions; p++) {
        input.activations.push({ featureIndex: f, contextKey, position: p * 7, value: random() * 10 });
      }
    }
  }
  return input;
}

/**
 * The reference a bulk path must beat: activation rows written one INSERT statement each (in one
 * transaction, removed again) on `db`. Returns rows/s.
 */
export async function rowByRowInsertRate(db: AtlasDb, rows: number): Promise<number> {
  const started = performance.now();
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows; i++) {
      await tx.orm.execute(
        sql`insert into activations (feature_id, context_id, position, value) values (${-1 - i}, ${-1}, ${i % 64}, ${i / 7})`,
      );
    }
    await tx.orm.execute(sql`delete from activations where feature_id < 0`);
  });
  return rows / ((performance.now() - started) / 1000);
}

export async function benchmarkIngest(options: IngestBenchmarkOptions = {}): Promise<IngestBenchmarkResult> {
  const width = options.width ?? 4096;
  const dIn = options.dIn ?? 256;
  const input = syntheticAtlas(width, dIn, options.examplesPerFeature ?? 20, options.positionsPerExample ?? 8);
  const db = await openDatabase(options.dataDir ? { dataDir: options.dataDir } : { inMemory: true });
  try {
    await upsertModel(db, { id: 'bench', displayName: 'bench', architecture: 'gpt2', layerCount: 4, dModel: dIn, vocabSize: 4096, contextLength: 128 });
    const stageSeconds: Record<string, number> = {};
    let stageStarted = performance.now();
    input.onProgress = (done, total, stage) => {
      if (done === total) {
        const now = performance.now();
        stageSeconds[stage] = (now - stageStarted) / 1000;
        stageStarted = now;
      }
    };
    const started = performance.now();
    const result = await ingestSaeAtlas(db, input);
    const seconds = (performance.now() - started) / 1000;
    const allRows = Object.values(result.rows).reduce((a, b) => a + b, 0);

    return {
      width, dIn, rows: result.rows, seconds, stageSeconds,
      activationRowsPerSecond: (result.rows.activations ?? 0) / (stageSeconds.activations ?? seconds),
      allRowsPerSecond: allRows / seconds,
      rowByRowRowsPerSecond: await rowByRowInsertRate(db, options.rowByRowRows ?? 3000),
    };
  } finally {
    await db.close();
  }
}
