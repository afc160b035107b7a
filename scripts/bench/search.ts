// `npm run bench:search` (issue 11): search at scale. An atlas of 100k labelled features (real
// corpus evidence, real machine labels, the committed word-vector embedder) on PGlite and on
// Postgres: hybrid / full-text / vector search p50 and p99, HNSW recall@10 against an exact
// scan per ef_search, the indexing rate of a build (labels/s), and featuresForText on a
// 128-token text with the demo model and a 16k-feature SAE beside the plain forward pass.
// Postgres: DATABASE_URL, else a throwaway local server where one is installed
// (`bash scripts/postgres/install.sh`), else skipped with a note.
//
//   npm run bench:search
//   npm run bench:search -- --features 20000 --queries 50     # smoke run
//   npm run bench:search -- --no-pglite --no-text             # the Postgres half only
import os from 'node:os';
import { parseArgs } from 'node:util';
import { openDatabase, type AtlasDb } from '@atlas/db';
import { startPostgres } from '@atlas/db/testing';
import { demoModelDir } from '@atlas/demo-model';
import { loadLanguageModel } from '@atlas/model';
import { loadDefaultSearchEngine } from '@atlas/search';
import {
  benchmarkQueries, measureFeaturesForText, measureHnswRecall, measureIndexing, measureSearchLatency, prepareSearchAtlas, randomTopKSae, rebuildSearchVectorIndex,
} from '../../packages/search/bench/search-speed.ts';
import { evidencePool } from '../../packages/search/bench/synthetic-atlas.ts';

const { values: flags } = parseArgs({
  options: {
    features: { type: 'string', default: '100000' },
    saes: { type: 'string', default: '4' },
    queries: { type: 'string', default: '200' },
    'indexing-features': { type: 'string', default: '4096' },
    'ef-search': { type: 'string', default: '40,100,200,400' },
    // The first builds the index the latencies are measured on; each further one is rebuilt for recall.
    'ef-construction': { type: 'string', default: '128,64' },
    m: { type: 'string', default: '16' },
    'no-pglite': { type: 'boolean', default: false },
    'no-postgres': { type: 'boolean', default: false },
    'no-text': { type: 'boolean', default: false },
  },
});
const count = (name: 'features' | 'saes' | 'queries' | 'indexing-features') => {
  const value = Number(flags[name]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got ${flags[name]}`);
  return value;
};
const numberList = (name: 'ef-search' | 'ef-construction') => String(flags[name]).split(',').map((part) => {
  const value = Number(part);
  if (!Number.isInteger(value) || value < 1 || value > 1000) throw new Error(`--${name} takes integers in 1..1000 separated by commas, got ${flags[name]}`);
  return value;
});
const efConstructions = numberList('ef-construction');
const HNSW = { m: Number(flags.m), efConstruction: efConstructions[0]! };
if (!Number.isInteger(HNSW.m) || HNSW.m < 2 || HNSW.m > 100) throw new Error(`--m must be an integer in 2..100, got ${flags.m}`);
const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const log = (line: string) => console.error(line);
const out: string[] = [];
const say = (line = '') => {
  out.push(line);
  console.log(line);
};

say(`# npm run bench:search — ${new Date().toISOString()}`);
say(`machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${fmt(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average at start ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
const engine = loadDefaultSearchEngine();
say(`embedder ${engine.embedderId} (${engine.embedder.id.dimensions} dims); HNSW m ${HNSW.m}, ef_construction ${efConstructions.join(' then ')}`);
say();
log('Reading the corpus for evidence…');
const pool = await evidencePool();
const queries = benchmarkQueries(pool, count('queries'), 11);

async function runOn(name: string, db: AtlasDb) {
  log(`[${name}] ${count('features')} features…`);
  const atlas = await prepareSearchAtlas(db, engine, pool, { features: count('features'), saes: count('saes'), hnsw: HNSW, log });
  say(`## ${name}: ${fmt(atlas.features)} labelled features in ${atlas.saes} SAEs`);
  say('| figure | value |');
  say('| --- | ---: |');
  say(`| embed documents (word vectors, SIF) | ${fmt(atlas.embedDocumentsPerSecond)} documents/s |`);
  say(`| write documents (tsvector + GIN + halfvec) | ${fmt(atlas.writeDocumentsPerSecond)} documents/s |`);
  say(`| HNSW build | ${fmt(atlas.hnswSeconds, 1)} s |`);
  say();
  log(`[${name}] search latency…`);
  const latency = await measureSearchLatency(db, engine, queries);
  say(`| mode (${queries.length} queries, first page of 20) | p50 ms | p99 ms | results/query |`);
  say('| --- | ---: | ---: | ---: |');
  for (const row of latency) say(`| ${row.mode} | ${fmt(row.p50, 1)} | ${fmt(row.p99, 1)} | ${fmt(row.meanResults, 1)} |`);
  say();
  const saeIds = Array.from({ length: atlas.saes }, (_, s) => `bench-lm/blocks.2.hook_resid_post/bench-${s}`);
  for (const [i, efConstruction] of efConstructions.entries()) {
    const buildSeconds = i === 0 ? atlas.hnswSeconds : await rebuildSearchVectorIndex(db, engine, { m: HNSW.m, efConstruction });
    log(`[${name}] HNSW recall, ef_construction ${efConstruction}…`);
    const recall = await measureHnswRecall(db, engine, queries, numberList('ef-search'), saeIds);
    say(`HNSW m ${HNSW.m}, ef_construction ${efConstruction} (built in ${fmt(buildSeconds, 1)} s); ties at the exact 10th distance: ${recall[0]?.tiedQueries ?? 0} of ${queries.length} queries.`);
    say('| ef_search | recall@10 vs exact, by id | recall@10 by distance (ties count) | HNSW p50 ms | exact scan p50 ms |');
    say('| ---: | ---: | ---: | ---: | ---: |');
    for (const row of recall) say(`| ${row.efSearch} | ${fmt(row.recallAt10, 3)} | ${fmt(row.distanceRecallAt10, 3)} | ${fmt(row.p50, 1)} | ${fmt(row.exactP50, 1)} |`);
    say();
  }
  log(`[${name}] indexing rate…`);
  const indexing = await measureIndexing(db, engine, pool, count('indexing-features'));
  say(`Indexing a build's SAE (${fmt(indexing.features)} features with 20 top contexts each, beside ${fmt(atlas.features)} indexed): ` +
    `${fmt(indexing.labels / indexing.seconds)} labels/s end to end (read evidence, embed, write, HNSW insert), ` +
    `${fmt(indexing.labels / indexing.embedSeconds)} labels/s in the embedder alone; ${fmt(indexing.seconds, 1)} s.`);
  say();
}

if (!flags['no-pglite']) {
  const pglite = await openDatabase({ inMemory: true });
  try {
    await runOn('PGlite (in memory)', pglite);
  } finally {
    await pglite.close();
  }
}

if (!flags['no-postgres']) {
  const server = process.env.DATABASE_URL ? undefined : startPostgres({ logStatements: false });
  const url = process.env.DATABASE_URL ?? server?.url;
  if (!url) say('Postgres: skipped (no DATABASE_URL and no local server binaries; `bash scripts/postgres/install.sh`).');
  else {
    const db = await openDatabase({ url });
    try {
      await runOn(`Postgres (${server ? 'throwaway local server' : 'DATABASE_URL'})`, db);
    } finally {
      await db.close();
      server?.stop();
    }
  }
}

if (!flags['no-text']) {
  log('featuresForText…');
  const model = await loadLanguageModel(demoModelDir);
  const hook = 'blocks.2.hook_resid_post';
  const sae = randomTopKSae(model.dModel, 16_384, 32, hook);
  const text = pool.lines.slice(1000, 1040).map((line) => line.join('')).join(' ');
  const ids = model.encode(text).slice(0, 128);
  const row = await measureFeaturesForText(model, sae, model.tokenizer.decode(ids), 20);
  say(`## featuresForText (demo LM, ${hook}, TopK SAE 16,384 × ${model.dModel}, k 32; ${row.tokens} tokens, encoder reused)`);
  say('| path | p50 ms |');
  say('| --- | ---: |');
  say(`| featuresForText (tokenize, forward to the hook, SAE encode, rank) | ${fmt(row.featuresForTextP50, 1)} |`);
  say(`| plain forward of the same tokens (all layers, logits) | ${fmt(row.forwardP50, 1)} |`);
  say(`| forward to the hook only | ${fmt(row.hookForwardP50, 1)} |`);
}
say();
say(`load average at end ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
