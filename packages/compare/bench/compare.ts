// `npm run bench:compare` (issue 12): a 16k × 16k comparison over 1M tokens — wall time and peak
// RSS per method, and how each grows with width and tokens. Every measured step runs in its own
// process (bench-method.ts), so each peak RSS is that method's alone (inputs loaded included).
//
//   npm run bench:compare                                        # full size (run on a quiet machine)
//   npm run bench:compare -- --tokens 65536 --width 2048 --sweep-widths 1024   # smoke run
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { readSafetensors } from '@atlas/safetensors';
import { activationsFile, codesFile, extractActivations, trainBenchSae } from './bench-inputs.ts';
import type { BenchJob } from './bench-method.ts';

const { values: flags } = parseArgs({
  options: {
    tokens: { type: 'string', default: '1048576' },
    width: { type: 'string', default: '16384' },
    'sweep-widths': { type: 'string', default: '4096,8192' },
    'train-tokens': { type: 'string', default: '262144' },
    'naive-width': { type: 'string', default: '2048' },
    work: { type: 'string' },
  },
});
const tokens = Number(flags.tokens);
const width = Number(flags.width);
const widths = [...flags['sweep-widths']!.split(',').map(Number).filter((w) => w > 0 && w < width), width];
const narrow = widths[0]!;
const naiveWidth = Math.min(Number(flags['naive-width']), width);
const fmt = (value: number, digits = 1) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const child = fileURLToPath(new URL('./bench-method.ts', import.meta.url));

interface Measured { seconds: number; peakRssMiB: number; loadSeconds: number; approximate?: boolean; figures: Record<string, { value: number; nullMean?: number; p?: number }> }
function measure(job: BenchJob): Measured {
  const out = execFileSync(process.execPath, ['--import', 'tsx', child, JSON.stringify(job)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Measured;
}
const row = (label: string, m: Measured, extra = '') =>
  console.log(`| ${label} | ${fmt(m.seconds)} | ${fmt(m.peakRssMiB, 0)} | ${extra} |`);
const fig = (m: Measured, name: string, digits = 3) => {
  const f = m.figures[name];
  if (!f) return '–';
  return `${fmt(f.value, digits)}${f.nullMean === undefined ? '' : ` (null ${fmt(f.nullMean, digits)}${f.p === undefined ? '' : `, p ${fmt(f.p, 3)}`})`}`;
};

const dir = flags.work ?? (await mkdtemp(path.join(os.tmpdir(), 'atlas-bench-compare-')));
await mkdir(dir, { recursive: true });
try {
  console.log(`# npm run bench:compare — ${new Date().toISOString()}`);
  console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${fmt(os.totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}, load average ${os.loadavg().map((l) => fmt(l)).join(' ')}`);
  console.log(`demo LM blocks.2.hook_resid_post, corpus demo, ${tokens.toLocaleString('en-US')} tokens; two TopK SAEs (k 32, seeds 0 and 1) of width ${width.toLocaleString('en-US')}, ` +
    `trained 1 epoch on the first ${Number(flags['train-tokens']).toLocaleString('en-US')} tokens; narrower widths (${widths.slice(0, -1).join(', ')}) are their first latents\n`);
  let started = performance.now();
  await extractActivations(dir, tokens);
  const { tensors } = await readSafetensors(activationsFile(dir));
  const acts = tensors.activations!;
  const [rows, dIn] = acts.shape as [number, number];
  console.log(`inputs: activations ${fmt((performance.now() - started) / 1000)} s`);
  started = performance.now();
  for (const seed of [0, 1]) await trainBenchSae(dir, acts.data as Float32Array, dIn, Math.min(rows, Number(flags['train-tokens'])), width, seed);
  console.log(`inputs: two SAEs trained ${fmt((performance.now() - started) / 1000)} s (not targeted)\n`);

  console.log('| step | wall s | peak RSS MiB | figures |');
  console.log('| --- | ---: | ---: | --- |');
  // Headline figures at full width first, then the sweeps (rows print as each step ends).
  const encode = (w: number) => {
    for (const seed of [0, 1]) {
      if (existsSync(codesFile(dir, seed, w))) continue;
      row(`codes: encode ${rows.toLocaleString('en-US')} tokens, width ${w}, seed ${seed}`, measure({ kind: 'encode', dir, width: w, tokens: rows, seed }));
    }
  };
  const decoderCosine = (w: number) => {
    const m = measure({ kind: 'decoder-cosine', dir, width: w, tokens: rows });
    row(`decoder cosine ${w} × ${w}${m.approximate ? ' (greedy assignment)' : ' (exact assignment)'}`, m,
      `best A→B ${fig(m, 'meanBestAB')}; mutual ${fig(m, 'mutualShare')}; assigned mean ${fig(m, 'assignedMean')}; shared ≥ 0.7 ${fig(m, 'sharedShare')}`);
  };
  const correlation = (w: number, t: number) => {
    const m = measure({ kind: 'activation-correlation', dir, width: w, tokens: t });
    row(`activation correlation ${w} × ${w}, ${t.toLocaleString('en-US')} tokens (+ SVCCA, RSA, 100-draw nulls)`, m,
      `best r A→B ${fig(m, 'meanBestAB')}; SVCCA ${fig(m, 'svcca')}; RSA ${fig(m, 'rsa')}`);
  };
  decoderCosine(width);
  const naive = measure({ kind: 'naive-cosine', dir, width: naiveWidth, tokens: rows });
  row(`reference: naive dense JS cosine matrix + maxima, ${naiveWidth} × ${naiveWidth}`, naive, `best A→B ${fig(naive, 'meanBestAB')}`);
  const ours = measure({ kind: 'decoder-cosine', dir, width: naiveWidth, tokens: rows });
  row(`ours at the same size (${naiveWidth} × ${naiveWidth}; includes assignment and nulls)`, ours, `best A→B ${fig(ours, 'meanBestAB')}`);
  if (widths.includes(4096)) {
    decoderCosine(4096);
    const m = measure({ kind: 'decoder-cosine', dir, width: 4096, tokens: rows, exactLimit: 0 });
    row('decoder cosine 4096 × 4096, greedy (approximation gap vs the exact row above)', m, `assigned mean ${fig(m, 'assignedMean')}; shared ${fig(m, 'sharedShare')}`);
  }
  const aip = measure({ kind: 'aip', dir, width, tokens: rows });
  row(`AIP ${width} × ${width} (covariance over ${rows.toLocaleString('en-US')} tokens)`, aip, `best A→B ${fig(aip, 'meanBestAB')}; plain cosine ${fig(aip, 'cosineMeanBestAB')}; same best ${fig(aip, 'bestAgreement')}`);
  encode(width);
  correlation(width, rows);
  for (const fraction of [0.25, 0.5]) correlation(width, Math.floor(rows * fraction));
  encode(narrow);
  const families = measure({ kind: 'families', dir, width, narrow, tokens: rows });
  row(`families ${narrow} → ${width}, ${rows.toLocaleString('en-US')} tokens`, families, `parents with children ${fig(families, 'parentsWithChildrenShare')}; children each ${fig(families, 'meanChildren', 2)}`);
  for (const w of widths.slice(0, -1)) {
    if (w !== 4096) decoderCosine(w);
    encode(w);
    correlation(w, rows);
  }
} finally {
  if (!flags.work) await rm(dir, { recursive: true, force: true });
}
