// Measures ingestSaeAtlas on in-memory PGlite with a demo-sized synthetic SAE:
//   npx tsx packages/db/scripts/bench-ingest.ts [features=4096] [dIn=256] [examplesPerFeature=20] [activePositions=8]
import { ingestSaeAtlas, openDatabase, upsertModel, type IngestSaeInput } from '../src/index.ts';

const [width = 4096, dIn = 256, perFeature = 20, positions = 8] = process.argv.slice(2).map(Number);
const contextCount = 2000;
const seqLen = 128;

let seed = 1;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

const input: IngestSaeInput = {
  sae: {
    id: `bench/blocks.2.hook_resid_post/topk-${width}`,
    modelId: 'bench',
    hookName: 'blocks.2.hook_resid_post',
    architecture: 'topk',
    kind: 'sae',
    dIn,
    width,
    k: 32,
    trainingTokens: null,
    statisticsTokens: null,
    corpusName: 'bench',
    metrics: null,
  },
  checksum: 'bench',
  corpus: { id: 'bench', name: 'bench' },
  contexts: Array.from({ length: contextCount }, (_, i) => ({
    key: String(i),
    documentId: `doc-${Math.floor(i / 10)}`,
    startToken: (i % 10) * seqLen,
    tokenIds: Array.from({ length: seqLen }, (_, t) => (i * 7 + t) % 8192),
    tokens: Array.from({ length: seqLen }, (_, t) => ` tok${(i * 7 + t) % 8192}`),
  })),
  features: Array.from({ length: width }, (_, index) => ({
    index,
    density: random() * 0.01,
    maxActivation: 10 * random(),
    meanActivation: random(),
    decoder: Float32Array.from({ length: dIn }, () => random() - 0.5),
  })),
  examples: [],
  activations: [],
  histograms: Array.from({ length: width }, (_, featureIndex) => ({
    featureIndex,
    edges: Array.from({ length: 33 }, (_, i) => i / 4),
    counts: Array.from({ length: 32 }, () => Math.floor(random() * 100)),
  })),
};
for (let f = 0; f < width; f++) {
  for (let rank = 0; rank < perFeature; rank++) {
    const contextKey = String((f * 31 + rank * 97) % contextCount);
    input.examples.push({ featureIndex: f, contextKey, kind: 'top', rank, maxValue: 10 - rank * 0.1, maxPosition: 0 });
    for (let p = 0; p < positions; p++) {
      input.activations.push({ featureIndex: f, contextKey, position: p * 13, value: random() * 10 });
    }
  }
}

const db = await openDatabase({ inMemory: true });
await upsertModel(db, { id: 'bench', displayName: 'bench', architecture: 'gpt2', layerCount: 4, dModel: dIn, vocabSize: 8192, contextLength: seqLen });
const stageStart = new Map<string, number>();
const stageEnd = new Map<string, number>();
input.onProgress = (done, total, stage) => {
  if (!stageStart.has(stage)) stageStart.set(stage, performance.now());
  if (done === total) stageEnd.set(stage, performance.now());
};
const started = performance.now();
let previous = started;
const result = await ingestSaeAtlas(db, input);
const total = (performance.now() - started) / 1000;
console.log(`ingest of ${width} features × d${dIn}: ${total.toFixed(1)} s`, result.rows);
for (const [stage, end] of stageEnd) {
  const seconds = (end - previous) / 1000; // a stage starts when the previous one ended
  const rows = stage === 'histograms' ? result.rows.histogramBins : result.rows[stage === 'decoder index' ? '' : stage];
  console.log(`  ${stage.padEnd(14)} ${seconds.toFixed(2)} s${rows ? `  ${Math.round(rows / seconds)} rows/s` : ''}`);
  previous = end;
}
await db.close();
