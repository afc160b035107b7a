// `npm run bench:select`: the data-selection benchmark with ground truth (precision@k of every
// method on labelled bundled text), downstream fine-tuning of the demo LM on each method's 5%,
// and the scale figures (scoring a 100k pool; representation tokens/s beside the plain forward).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '@atlas/db';
import { embedderKey, loadWordVectorEmbedder } from '@atlas/embed';
import { demoModelDir } from '@atlas/demo-model';
import { loadLanguageModel } from '@atlas/model';
import { buildPoolRepresentations, importPool, type SelectionResources } from '../src/index.ts';
import { MODEL_ID, registerSae } from '../test/support/sae-atlas.ts';
import { BENCH_METHODS } from './bench-methods.ts';
import { BENCH_HOOK, benchSae } from './bench-sae.ts';
import { benchmarkData, DEFAULT_SHAPE } from './benchmark-tasks.ts';
import { DEFAULT_FINETUNE, finetuneAndEvaluate, type FinetuneRun } from './downstream.ts';
import { plainForwardTokensPerSecond } from './forward-rate.ts';
import { poolCategories, precisionAtK } from './precision.ts';
import { downstreamTable, precisionTable } from './report.ts';
import { scaleBenchmark } from './scale.ts';
import { lmMeanEmbedder } from './stand-in-embedder.ts';

const { values: args } = parseArgs({
  options: {
    seeds: { type: 'string', default: '3' },
    ratio: { type: 'string', default: '0.05' },
    steps: { type: 'string', default: String(DEFAULT_FINETUNE.steps) },
    'downstream-tasks': { type: 'string', default: '7' },
    'scale-samples': { type: 'string', default: '100000' },
    'skip-downstream': { type: 'boolean', default: false },
    'skip-scale': { type: 'boolean', default: false },
    /** Only the 100k scale figures, on synthetic vectors of the real size (no representation pass, no precision). */
    'scale-only': { type: 'boolean', default: false },
    'work-dir': { type: 'string', default: path.resolve('.atlas/bench-select') },
  },
});
const seeds = Number(args.seeds);
const ratio = Number(args.ratio);
const workDir = args['work-dir'];
const log = (line: string) => console.log(line);
const started = performance.now();

const data = await benchmarkData({ ...DEFAULT_SHAPE, seeds });
log(`pool: ${data.pool.length} samples; ${data.tasks.length} tasks × ${seeds} seeds of ${DEFAULT_SHAPE.targets} targets; ${DEFAULT_SHAPE.heldOut} held-out examples each`);
const model = await loadLanguageModel(demoModelDir);
const sae = await benchSae(model, path.join(workDir, 'sae-topk-4096'), log);
const saeId = `${MODEL_ID}/${BENCH_HOOK}/topk-4096`;
const db = await openDatabase({ inMemory: true });
await registerSae(db, model, saeId, BENCH_HOOK, sae);
const content = data.pool.map((item, i) => JSON.stringify({ id: `s${i}`, text: item.text, category: item.category })).join('\n');
await importPool(db, { id: 'bench', content, format: 'jsonl' });

if (args['scale-only']) {
  const resources: SelectionResources = { model, modelId: MODEL_ID, sae: { id: saeId, weights: sae } };
  const scale = await scaleBenchmark(db, {
    samples: Number(args['scale-samples']), sourcePoolId: null, saeId, sae, model, modelId: MODEL_ID, targets: data.tasks[0]!.targetsBySeed[0]!, resources,
  });
  log(`scale (synthetic vectors): ${JSON.stringify(scale)}`);
  process.exit(0);
}

// Representations: SAE codes and hidden states from one forward pass per batch.
const build = await buildPoolRepresentations(db, {
  poolId: 'bench', model, modelId: MODEL_ID, sae: { id: saeId, weights: sae }, hidden: true,
  onProgress: (p) => p.samplesDone % 1024 === 0 && log(`  represented ${p.samplesDone}/${p.sampleCount} (${p.tokensPerSecond.toFixed(0)} tok/s)`),
});
// The plain forward on the first 1,000 samples (a rate; the whole pool would double the bench's time).
const plainRate = await plainForwardTokensPerSecond(model, data.pool.slice(0, 1000).map((item) => item.text));
const representation = {
  samples: build.samples, tokens: build.tokens, seconds: build.seconds, tokensPerSecond: build.tokensPerSecond, plainForwardTokensPerSecond: plainRate,
  forwardSeconds: build.forwardSeconds, poolSeconds: build.poolSeconds, writeSeconds: build.writeSeconds, windowedSamples: build.windowedSamples,
};
log(`representations (SAE codes + hidden states): ${build.tokens} tokens in ${build.seconds.toFixed(1)} s = ${build.tokensPerSecond.toFixed(0)} tok/s ` +
  `(forward ${build.forwardSeconds.toFixed(1)} s, SAE encode + pooling ${build.poolSeconds.toFixed(1)} s, writes ${build.writeSeconds.toFixed(1)} s); plain forward ${plainRate.toFixed(0)} tok/s`);

// The embedding baseline: @atlas/embed's offline word vectors, the embedder selection jobs load by default.
const wordVectors = loadWordVectorEmbedder();
log(`embedder: ${embedderKey(wordVectors.id)}`);
const resources: SelectionResources = { model, modelId: MODEL_ID, sae: { id: saeId, weights: sae }, embedder: wordVectors };
const lmMean = lmMeanEmbedder(model);
log('precision@k:');
const precision = await precisionAtK(db, {
  poolId: 'bench', tasks: data.tasks, seeds, ratio, log,
  resources: (method) => (method.embedder === 'lm-mean' ? { ...resources, embedder: lmMean } : resources),
});
const taskNames = data.tasks.map((t) => t.name);
const precisionMarkdown = precisionTable(precision, taskNames, BENCH_METHODS.map((m) => m.label));
log(`\n${precisionMarkdown}\n`);

let downstream: { markdown: string; results: unknown[] } | undefined;
if (!args['skip-downstream']) {
  const tasks = data.tasks.slice(0, Number(args['downstream-tasks']));
  const categories = await poolCategories(db, 'bench');
  const textOf = new Map<number, string>();
  const ids = [...categories.keys()];
  ids.forEach((id, i) => textOf.set(id, data.pool[i]!.text));
  const tokens = (texts: string[]) => texts.map((text) => model.encode(text));
  const runs: FinetuneRun[] = [];
  for (const task of tasks) {
    for (const method of BENCH_METHODS.filter((m) => m.downstream)) {
      const selected = precision.find((r) => r.task === task.name && r.method === method.label && r.seed === 0)!.selected;
      runs.push({ name: method.label, task: task.name, train: tokens(selected.map((id) => textOf.get(id)!)) });
    }
    runs.push({ name: 'full pool', task: task.name, train: tokens(data.pool.map((item) => item.text)) });
  }
  const heldOut = Object.fromEntries(tasks.map((task) => [task.name, tokens(task.heldOut)]));
  const settings = { ...DEFAULT_FINETUNE, steps: Number(args.steps) };
  log(`downstream: ${runs.length} fine-tunes of ${settings.steps} steps × ${settings.batch} × ${settings.seqLen} tokens`);
  const results = await finetuneAndEvaluate(workDir, settings, model.eosTokenId!, heldOut, runs, (r) => log(`  ${r.task} · ${r.run}: held-out loss ${r.loss.toFixed(3)}${r.seconds ? ` (${r.seconds} s)` : ''}`));
  const order = ['base', ...BENCH_METHODS.filter((m) => m.downstream).map((m) => m.label), 'full pool'];
  downstream = { markdown: downstreamTable(results, tasks.map((t) => t.name), order).replace('| base |', '| (no fine-tuning) |'), results };
  log(`\n${downstream.markdown}\n`);
}

let scale: Awaited<ReturnType<typeof scaleBenchmark>> | undefined;
if (!args['skip-scale']) {
  scale = await scaleBenchmark(db, {
    samples: Number(args['scale-samples']), sourcePoolId: 'bench', saeId, sae, model, modelId: MODEL_ID, targets: data.tasks[0]!.targetsBySeed[0]!, resources,
  });
  log(`scale: ${scale.samples} samples (${scale.storedMiB.toFixed(1)} MiB of packed vectors, ${scale.meanStoredFeatures.toFixed(0)} features each) stored in ${scale.storeSeconds.toFixed(1)} s; ` +
    `MONA selection of 5% in ${scale.selectSeconds.toFixed(2)} s (read ${scale.readSeconds.toFixed(2)} s, score ${scale.scoreSeconds.toFixed(2)} s, targets ${scale.targetSeconds.toFixed(2)} s)`);
}

await mkdir(workDir, { recursive: true });
const file = path.join(workDir, 'results.json');
await writeFile(file, JSON.stringify({ date: new Date().toISOString(), seeds, ratio, representation, precision: precision.map(({ selected: _s, ...r }) => r), precisionMarkdown, downstream, scale }, null, 2));
log(`results in ${file} (${((performance.now() - started) / 60_000).toFixed(1)} min)`);
await db.close();
await model.dispose();
