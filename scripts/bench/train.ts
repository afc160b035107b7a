// `npm run bench:train` (issue 3, item 7): TopK SAE training speed, d_in 512, width 8192, k 32,
// batch 4096, fp32, in one run on one machine:
//   (a) tokens/s of our `trainSae`, (b) the raw onnxruntime MatMul rate of the encoder product
//   (both from `benchmarkTraining`), (c) a PyTorch reference training step written the way SAELens
//   does it (scripts/bench/torch_topk_reference.py, Debian's python3-torch via /usr/bin/python3).
// Never run as a test. Paste the printed table into docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchmarkTraining } from '@atlas/sae/bench';

const SHAPE = { dIn: 512, width: 8192, k: 32, batchSize: 4096 };
const OUR_STEPS = 8;
const TORCH_STEPS = 4;
const TORCH_WARMUP = 2;
const PYTHON = '/usr/bin/python3';
const REFERENCE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'torch_topk_reference.py');
const TARGET_RATIO = 3;
const TARGET_SHARE = 0.6;

interface TorchResult {
  tokens_per_second: number;
  best_step_tokens_per_second: number;
  step_ms: number[];
  mean_step_ms: number;
  torch: string;
  threads: number;
  omp_wait_policy: string | null;
  blas_info: string | null;
  blas_libraries: string[];
  openblas_core: string | null;
  encoder_matmul_gflops: number;
  encoder_matmul_ms: number;
}

interface TorchRun {
  label: string;
  result?: TorchResult;
  /** Why there is no result (torch missing, crash, unparsable output). */
  error?: string;
  missingTorch?: boolean;
  /** Load average just before the run (the machine is shared). */
  load?: string;
}

const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const say = (line: string) => console.log(line);
const progress = (line: string) => console.error(line);

function runTorchReference(label: string, extraEnv: Record<string, string>): TorchRun {
  const args = [
    REFERENCE, '--d-in', String(SHAPE.dIn), '--width', String(SHAPE.width), '--k', String(SHAPE.k),
    '--batch', String(SHAPE.batchSize), '--steps', String(TORCH_STEPS), '--warmup', String(TORCH_WARMUP),
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, OMP_NUM_THREADS: '2', ...extraEnv };
  for (const name of ['OMP_WAIT_POLICY', 'OPENBLAS_CORETYPE']) if (!(name in extraEnv)) delete env[name];
  const child = spawnSync(PYTHON, args, { env, encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
  if (child.error) return { label, error: `could not run ${PYTHON}: ${child.error.message}` };
  if (child.status === 3) return { label, missingTorch: true, error: child.stderr.trim() };
  if (child.status !== 0) return { label, error: `exit ${child.status ?? child.signal}: ${child.stderr.trim().split('\n').slice(-3).join(' | ')}` };
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return { label, result: JSON.parse(line) as TorchResult };
  } catch {
    return { label, error: `unparsable output: ${line.slice(0, 200)}` };
  }
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** OpenBLAS kernel set matching this CPU's vector extensions (undefined: leave detection alone). */
function openblasCoreTypeFor(cpuinfo: string): string | undefined {
  const flags = new Set(/^flags\s*:(.*)$/m.exec(cpuinfo)?.[1]?.trim().split(/\s+/) ?? []);
  if (flags.has('avx512f') && flags.has('avx512bw') && flags.has('avx512vl')) return 'SkylakeX';
  if (flags.has('avx2') && flags.has('fma')) return 'Haswell';
  return undefined;
}

const loadAverage = () => os.loadavg().map((v) => v.toFixed(2)).join(' ');

/** Which BLAS Debian's alternatives point libblas.so.3 at (read only; never changed here). */
function blasAlternative(): string {
  const display = spawnSync('update-alternatives', ['--display', 'libblas.so.3-x86_64-linux-gnu'], { encoding: 'utf8' });
  if (display.error || display.status !== 0) return 'unknown (update-alternatives unavailable)';
  const current = /link currently points to (\S+)/.exec(display.stdout)?.[1];
  const mode = /- (auto|manual) mode/.exec(display.stdout)?.[1];
  return current ? `${current}${mode ? ` (${mode} mode)` : ''}` : 'unknown';
}

say(`# npm run bench:train — ${new Date().toISOString()}`);
say(
  `machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${fmt(os.totalmem() / 2 ** 30)} GiB, ` +
    `Node ${process.version}, load average ${loadAverage()} at start`,
);
say('');

progress(`[1] ours: benchmarkTraining (TopK d_in ${SHAPE.dIn}, width ${SHAPE.width}, k ${SHAPE.k}, batch ${SHAPE.batchSize}, ${OUR_STEPS} steps)…`);
const oursLoad = loadAverage();
const ours = await benchmarkTraining({ ...SHAPE, steps: OUR_STEPS, repeats: 5, log: (line) => progress(`  ${line}`) });

// Debian's OpenBLAS 0.3.21 (DYNAMIC_ARCH) does not know newer Xeons (e.g. family 6 model 207) and
// falls back to its generic "Prescott" kernels, ~6× slower on this product. OPENBLAS_CORETYPE picks
// the right kernels for this process only (no system setting is changed); both are measured.
const coreType = openblasCoreTypeFor(readFileSafe('/proc/cpuinfo'));
const variants: { label: string; env: Record<string, string> }[] = [
  { label: 'OMP_NUM_THREADS=2', env: {} },
  { label: 'OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE', env: { OMP_WAIT_POLICY: 'PASSIVE' } },
  ...(coreType
    ? [
        { label: `OMP_NUM_THREADS=2 OPENBLAS_CORETYPE=${coreType}`, env: { OPENBLAS_CORETYPE: coreType } },
        { label: `OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE OPENBLAS_CORETYPE=${coreType}`, env: { OMP_WAIT_POLICY: 'PASSIVE', OPENBLAS_CORETYPE: coreType } },
      ]
    : []),
];
const torchRuns: TorchRun[] = [];
if (!existsSync(PYTHON)) {
  torchRuns.push({ label: 'default', missingTorch: true, error: `${PYTHON} not found` });
} else {
  for (const [i, variant] of variants.entries()) {
    progress(`[${i + 2}/${variants.length + 1}] PyTorch reference, ${variant.label} (load average ${loadAverage()})…`);
    const load = loadAverage();
    const run = { ...runTorchReference(variant.label, variant.env), load };
    torchRuns.push(run);
    if (run.missingTorch) break;
  }
}
for (const run of torchRuns) {
  if (run.result) progress(`  torch (${run.label}): ${fmt(run.result.tokens_per_second)} tokens/s, steps ${run.result.step_ms.join(' / ')} ms, OpenBLAS core ${run.result.openblas_core ?? '?'}, torch MatMul ${fmt(run.result.encoder_matmul_gflops, 1)} GFLOP/s`);
}
const torchOk = torchRuns.filter((run): run is TorchRun & { result: TorchResult } => run.result !== undefined);
const best = torchOk.sort((a, b) => b.result.tokens_per_second - a.result.tokens_per_second)[0];

const matmulBound = (SHAPE.batchSize * 1000) / ours.encoderMatmulMs;
const share = ours.encoderMatmulMs / ours.encoderGraphMs;
const trainingShare = ours.encoderMatmulMs / ours.stepMs.encode;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

say(`## TopK SAE training speed (d_in ${SHAPE.dIn}, width ${SHAPE.width}, k ${SHAPE.k}, batch ${SHAPE.batchSize}, fp32)`);
say(`| figure | value |`);
say(`| --- | ---: |`);
say(`| ours: trainSae tokens/s (${ours.steps} steps; best step; load average ${oursLoad} before) | ${fmt(ours.tokensPerSecond)} (${fmt(ours.bestStepTokensPerSecond)}) |`);
say(`| ours: per step encode / backward / optimiser | ${fmt(ours.stepMs.encode)} / ${fmt(ours.stepMs.backward)} / ${fmt(ours.stepMs.optimiser)} ms |`);
say(`| ours: sparse backward / optimiser step, isolated (best of 5) | ${fmt(ours.encoderGradientMs.sparseBackward, 1)} / ${fmt(ours.optimiserMs, 1)} ms |`);
say(`| raw onnxruntime MatMul [${SHAPE.batchSize}×${SHAPE.dIn}]·[${SHAPE.dIn}×${SHAPE.width}] | ${fmt(ours.encoderMatmulGflops, 1)} GFLOP/s (${fmt(ours.encoderMatmulMs, 1)} ms) |`);
say(`| tokens/s the encoder MatMul alone would allow | ${fmt(matmulBound)} |`);
say(`| our encoder graph (Sub, Gemm, TopK, ReLU, Cast), isolated | ${fmt(ours.encoderGraphMs, 1)} ms |`);
say(`| encoder product share of raw MatMul rate (MatMul ms ÷ encoder graph ms; target ≥ ${TARGET_SHARE * 100}%) | ${fmt(share * 100, 1)}% — ${verdict(share >= TARGET_SHARE)} |`);
say(`| the same inside training (MatMul ms ÷ mean encode ms per step) | ${fmt(trainingShare * 100, 1)}% |`);
if (best) {
  const ratio = ours.tokensPerSecond / best.result.tokens_per_second;
  const bestRatio = ours.bestStepTokensPerSecond / best.result.best_step_tokens_per_second;
  for (const run of torchRuns) {
    if (run.result) {
      say(
        `| PyTorch ${run.result.torch} SAELens-style step, ${run.label} (OpenBLAS core ${run.result.openblas_core ?? '?'}; load ${run.load ?? '?'} before; ` +
          `${TORCH_STEPS} steps after ${TORCH_WARMUP} warm-up; best step; its own MatMul) | ${fmt(run.result.tokens_per_second)} ` +
          `(${fmt(run.result.best_step_tokens_per_second)}) tokens/s; ${fmt(run.result.encoder_matmul_gflops, 1)} GFLOP/s${run === best ? ' ← used' : ''} |`,
      );
    } else {
      say(`| PyTorch reference, ${run.label} | failed: ${run.error} |`);
    }
  }
  say(`| PyTorch BLAS (libraries mapped in the process) | ${best.result.blas_libraries.map((lib) => path.basename(lib)).join(', ') || 'none found'} (torch BLAS_INFO=${best.result.blas_info ?? '?'}) |`);
  say(`| libblas.so.3 alternative | ${blasAlternative()} |`);
  say(`| ours ÷ PyTorch (target ≥ ${TARGET_RATIO}×) | ${fmt(ratio, 2)}× — ${verdict(ratio >= TARGET_RATIO)} |`);
  say(`| ours ÷ PyTorch, best step vs best step | ${fmt(bestRatio, 2)}× |`);
} else {
  const missing = torchRuns.find((run) => run.missingTorch);
  if (missing) {
    say(`| PyTorch reference | skipped: python3-torch is missing (${missing.error}); install it with \`apt-get install python3-torch\` |`);
  } else {
    for (const run of torchRuns) say(`| PyTorch reference, ${run.label} | failed: ${run.error} |`);
  }
  say(`| ours ÷ PyTorch (target ≥ ${TARGET_RATIO}×) | n/a |`);
}
say('');
