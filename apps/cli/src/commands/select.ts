import { existsSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from '../cli-error.ts';
import { defineCommand } from '../define-command.ts';
import { flags } from '../flags/index.ts';
import { requireDirectory, requireFile } from '../require-paths.ts';

const METHODS = ['mona', 'bm25', 'embedding', 'hidden', 'random'] as const;

/**
 * `atlas select --sae ID --pool FILE|ID --target FILE --ratio R --method M --out FILE`: the
 * samples of a pool that matter for a task, as JSONL (rank, score, sample, driving features).
 */
export const selectCommand = defineCommand({
  name: 'select',
  description: 'Select the samples of a pool that matter for a task (MONA: SAE codes mean-pooled per sample, generalized Jaccard to the targets\' prototype; or a baseline) and write them as JSONL.',
  flags: {
    sae: flags.text({ arg: 'id', help: 'SAE id in the atlas (mona, hidden), e.g. demo-lm/blocks.2.hook_resid_post/topk-4096' }),
    saeDir: flags.path({ arg: 'dir', help: 'the SAE\'s SAELens folder (default: where its atlas build trained it)' }),
    pool: flags.text({ arg: 'file|id', help: 'a .jsonl/.csv file of samples (imported as a pool, reused on re-runs) or a pool id', required: 'a .jsonl or .csv file of samples, or the id of an imported pool' }),
    target: flags.path({ arg: 'file', help: 'target examples: .txt (one per line), or .jsonl/.csv in the pool format' }),
    targetPool: flags.text({ arg: 'id', help: 'a pool of target examples instead of --target' }),
    ratio: flags.positiveNumber({ help: 'share of the pool to keep, in (0, 1] (default 0.05)' }),
    count: flags.positiveInt({ help: 'samples to keep instead of a ratio' }),
    method: flags.choice(METHODS, {
      help: 'mona (SAE codes), bm25, embedding (sentence embeddings: ATLAS_EMBEDDER_DIR\'s ONNX folder, else the offline word vectors), hidden (raw hidden states), random',
      default: 'mona',
    }),
    similarity: flags.choice(['jaccard', 'cosine'] as const, { help: 'score of a sample against the targets (default: jaccard; cosine for embedding)' }),
    aggregation: flags.choice(['prototype', 'max'] as const, { help: 'against the targets\' mean, or the best single target', default: 'prototype' }),
    seed: flags.int({ help: 'breaks ties; drives random', min: 0, default: 0 }),
    skipMalformed: flags.toggle({ help: 'import a pool file\'s valid samples when some lines are malformed', default: false }),
    out: flags.path({ arg: 'file', help: 'JSONL file to write (one selected sample per line, best first)', required: 'the .jsonl file to write' }),
  },
  async run(options) {
    if ((options.target === undefined) === (options.targetPool === undefined)) {
      throw new CliError('Give the target examples with --target FILE or --target-pool ID (one of them).');
    }
    if (options.target !== undefined) requireFile(options.target, 'Target file', 'Pass --target with a .txt (one example per line), .jsonl or .csv file.');
    if (options.saeDir !== undefined) requireDirectory(options.saeDir, 'SAE folder', 'Pass --sae-dir with a SAELens folder (cfg.json + sae_weights.safetensors).');
    if ((options.method === 'mona' || options.method === 'hidden') && options.sae === undefined) {
      throw new CliError(`--method ${options.method} reads an SAE; give --sae ID (an SAE of the atlas).`);
    }
    const poolIsFile = existsSync(options.pool) && statSync(options.pool).isFile();
    const [{ openDatabase }, select, { terminalProgress }, { importPoolFile }] = await Promise.all([
      import('@atlas/db'), import('@atlas/select'), import('@atlas/pipeline'), import('../pool-file.ts'),
    ]);
    const targets = options.target !== undefined
      ? { texts: select.readTargetTexts(await readFile(options.target, 'utf8'), path.basename(options.target)) }
      : { poolId: options.targetPool! };
    const db = await openDatabase();
    let bar: { stage: string; progress: ReturnType<typeof terminalProgress> } | undefined;
    try {
      let poolId = options.pool;
      if (poolIsFile) {
        const imported = await importPoolFile(db, options.pool, await readFile(options.pool), options.skipMalformed);
        poolId = imported.id;
        console.error(imported.imported === null ? `Pool ${poolId} (from ${options.pool}) is already imported.` : `Imported pool ${poolId}: ${imported.imported} samples${imported.skipped ? `, ${imported.skipped} malformed lines skipped` : ''}.`);
      }
      const request = {
        poolId, method: options.method, targets, seed: options.seed, aggregation: options.aggregation,
        ...(options.sae === undefined ? {} : { saeId: options.sae }),
        ...(options.ratio === undefined ? {} : { ratio: options.ratio }),
        ...(options.count === undefined ? {} : { count: options.count }),
        ...(options.similarity === undefined ? {} : { similarity: options.similarity }),
      };
      await select.checkSelectionRequest(db, request);
      // The embedding method's embedder is the one search uses: ATLAS_EMBEDDER_DIR's ONNX folder, else the offline word vectors.
      const needsSae = options.method === 'mona' || options.method === 'hidden';
      const resources = needsSae || options.method === 'embedding'
        ? await select.loadSelectionResources(db, { ...(needsSae ? { saeId: options.sae, saeDir: options.saeDir } : {}), embedder: options.method === 'embedding' })
        : {};
      const result = await select.runSelection(db, {
        ...request,
        resources,
        onProgress: ({ stage, done, total }) => {
          if (bar?.stage !== stage) {
            bar?.progress.stop();
            bar = { stage, progress: terminalProgress(stage, total, stage === 'store' ? 'items' : 'samples') };
          }
          bar.progress.update(done);
        },
      });
      bar?.progress.stop();
      const lines: string[] = [];
      for await (const line of select.selectionJsonLines(db, result.selectionId)) lines.push(line);
      await writeFile(options.out, lines.join(''));
      console.log(`Selected ${result.items.length} of ${result.poolSize} samples of pool ${poolId} (${options.method}${result.embedder ? ` by ${result.embedder}` : ''}, selection ${result.selectionId}) → ${options.out}`);
    } finally {
      bar?.progress.stop();
      await db.close();
    }
  },
});
