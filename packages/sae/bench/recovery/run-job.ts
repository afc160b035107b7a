import { fork } from 'node:child_process';
import { trainSae } from '../../src/index.ts';
import type { TrainSaeOptions } from '../../src/index.ts';
import { bestCosines, syntheticFeatureModel } from './feature-model.ts';
import type { DataModel } from './feature-model.ts';

/** One training run of the benchmark: an SAE on one seed's data, scored against its features. */
export interface RecoveryJob {
  data: DataModel;
  seed: number;
  thresholds: number[];
  /** trainSae's options without the data (width, steps, architecture, …). */
  training: Omit<TrainSaeOptions, 'activations' | 'rows' | 'dIn'> & { width: number };
}

export interface JobResult {
  /** Recovery rate per τ, in percent. */
  rates: number[];
  /** Median over features of the best cosine. */
  medianCosine: number;
  /** The same with the encoder's columns instead of the decoder's rows (a diagnostic: the paper scores neuron vectors). */
  encoderMedianCosine: number;
  l0: number;
  fvu: number;
  /** Share of latents that never fire on the evaluation sample. */
  dead: number;
  seconds: number;
}

/**
 * Trains and scores one job. A feature counts as recovered by the SAE's decoder rows; for gba by
 * its neuron vectors w_m (the encoder's columns; its decoder rows are a_m·w_m, which a negative
 * fitted a_m would flip), as the paper scores them.
 */
export async function runJob(job: RecoveryJob): Promise<JobResult> {
  const { data: model, seed, thresholds, training } = job;
  const { features, data } = syntheticFeatureModel(model, 1000 + seed);
  const started = performance.now();
  const { sae, metrics } = await trainSae({
    activations: data, rows: model.samples, dIn: model.dIn, evaluationRows: Math.min(model.samples, 8192), seed, ...training,
  } as TrainSaeOptions);
  const median = (values: Float64Array) => Array.from(values).sort((a, b) => a - b)[values.length >> 1]!;
  const { width } = training;
  const encoderRows = new Float32Array(width * model.dIn);
  for (let d = 0; d < model.dIn; d++) for (let j = 0; j < width; j++) encoderRows[j * model.dIn + d] = sae.W_enc[d * width + j]!;
  const best = bestCosines(features, model.features, training.architecture === 'gba' ? encoderRows : sae.W_dec, width, model.dIn);
  return {
    rates: thresholds.map((tau) => (100 * best.filter((c) => c > tau).length) / model.features),
    medianCosine: median(best),
    encoderMedianCosine: median(bestCosines(features, model.features, encoderRows, width, model.dIn)),
    l0: metrics.l0,
    fvu: metrics.fvu,
    dead: metrics.deadFraction,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The flag a child process of this script is started with, followed by its job as JSON. */
export const JOB_FLAG = '--recovery-job';

/**
 * Runs jobs `concurrency` at a time (those with the most steps first), each in a child process of `script` (started with this
 * process's Node flags, so under tsx too) that answers over IPC; with 1, in this process.
 */
export async function runJobs(
  jobs: RecoveryJob[], concurrency: number, script: string, onDone: (index: number, result: JobResult) => void,
): Promise<JobResult[]> {
  const results: JobResult[] = new Array(jobs.length);
  // Longest first (by steps), so a long gba run does not start last while the other workers idle.
  const order = jobs.map((_, index) => index).sort((a, b) => (jobs[b]!.training.steps ?? 0) - (jobs[a]!.training.steps ?? 0));
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = order[next++]!;
      results[index] = concurrency === 1 ? await runJob(jobs[index]!) : await inChild(script, jobs[index]!);
      onDone(index, results[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return results;
}

function inChild(script: string, job: RecoveryJob): Promise<JobResult> {
  return new Promise((resolve, reject) => {
    const child = fork(script, [JOB_FLAG, JSON.stringify(job)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: JobResult | undefined;
    child.on('message', (message) => {
      result = message as JobResult;
    });
    child.on('error', reject);
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`recovery job (seed ${job.seed}, ${job.training.architecture}) exited with code ${code}`))));
  });
}

/** In a child process: runs the job given after `JOB_FLAG` and sends its result to the parent. */
export async function answerJob(args: string[]): Promise<void> {
  const result = await runJob(JSON.parse(args[args.indexOf(JOB_FLAG) + 1]!) as RecoveryJob);
  process.send!(result);
  process.disconnect();
}
