// `npm run bench:compare` (issue 12): a 16k × 16k comparison over 1M tokens — wall time and peak
// RSS per method, and how each grows with width and tokens. Every measured step runs in its own
// process (bench-method.ts), so each peak RSS is that method's alone (inputs loaded included).
//
//   npm run bench:compare                                        # full size (run on a quiet machine)
//   npm run bench:compare -- --tokens 65536 --width 2048 --sweep-widths 512,1024 --sweep-tokens 16384,32768   # smoke run
//
// Sweeps: every method at each of --sweep-widths (all tokens), and the methods that read tokens
// (AIP, activation correlation, families) at each of --sweep-tokens (full width). --methods picks
// methods. The last table fits each cost's growth: the log-log slope (1 linear, 2 quadratic).
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
import { logLogSlope } from './growth-fit.ts';

const METHODS = ['decoder-cosine', 'aip', 'activation-correlation', 'families'] as const;
type Method = (typeof METHODS)[number];
const { values: flags } = parseArgs({
  options: {
    tokens: { type: 'string', default: '1048576' },
    width: { type: 'string', default: '16384' },
    'sweep-widths': { type: 'string', default: '2048,4096,8192' },
    'sweep-tokens': { type: 'string', default: '131072,262144,524288' },
    methods: { type: 'string', default: METHODS.join(',') },
    'train-tokens': { type: 'string', default: '262144' },
    'naive-width': { type: 'string', default: '2048' },
    work: { type: 'string' },
  },
});
const list = (text: string) => text.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const tokens = Number(flags.tokens);
const width = Number(flags.width);
const methods = flags.methods!.split(',').map((m) => m.trim()) as Method[];
for (const method of methods) if (!METHODS.includes(method)) throw new Error(`--methods ${method} is not a method; pick from ${METHODS.join(', ')}`);
const widths = [...new Set([...list(flags['sweep-widths']!).filter((w) => w < width), width])].sort((x, y) => x - y);
const naiveWidth = Math.min(Number(flags['naive-width']), width);
/** The narrow SAE of a families step: a quarter of the wide one (the demo's cross-width ratio). */
const narrowOf = (w: number) => Math.max(1, Math.floor(w / 4));
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
/** Each method's measured points, for the growth fit at the end. */
const points: Record<Method, { width: number; tokens: number; seconds: number; rss: number }[]> = {
  'decoder-cosine': [], aip: [], 'activation-correlation': [], families: [],
};

const dir = flags.work ?? (await mkdtemp(path.join(os.tmpdir(), 'atlas-bench-compare-')));
await mkdir(dir, { recursive: true });
try {
  console.log(`# npm run bench:compare — ${new Date().toISOString()}`);
  console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${fmt(os.totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}, load average ${os.loadavg().map((l) => fmt(l)).join(' ')}`);
  console.log(`demo LM blocks.2.hook_resid_post, corpus demo, ${tokens.toLocaleString('en-US')} tokens; two TopK SAEs (k 32, seeds 0 and 1) of width ${width.toLocaleString('en-US')}, ` +
    `trained 1 epoch on the first ${Number(flags['train-tokens']).toLocaleString('en-US')} tokens; narrower widths (${widths.slice(0, -1).join(', ')}) are their first latents; ` +
    `families pair a quarter-width narrow SAE (seed 0) with the wide one (seed 1)\n`);
  let started = performance.now();
  await extractActivations(dir, tokens);
  const { tensors } = await readSafetensors(activationsFile(dir));
  const acts = tensors.activations!;
  const [rows, dIn] = acts.shape as [number, number];
  console.log(`inputs: activations ${fmt((performance.now() - started) / 1000)} s`);
  started = performance.now();
  for (const seed of [0, 1]) await trainBenchSae(dir, acts.data as Float32Array, dIn, Math.min(rows, Number(flags['train-tokens'])), width, seed);
  console.log(`inputs: two SAEs trained ${fmt((performance.now() - started) / 1000)} s (not targeted)\n`);
  const tokenSweep = [...new Set([...list(flags['sweep-tokens']!).filter((t) => t < rows), rows])].sort((x, y) => x - y);

  console.log('| step | wall s | peak RSS MiB | figures |');
  console.log('| --- | ---: | ---: | --- |');
  // Codes are inputs (encoded once over all tokens; a token-sweep step reads a prefix).
  const encode = (w: number, seeds = [0, 1]) => {
    for (const seed of seeds) {
      if (existsSync(codesFile(dir, seed, w))) continue;
      row(`codes: encode ${rows.toLocaleString('en-US')} tokens, width ${w}, seed ${seed} (input, not fitted)`, measure({ kind: 'encode', dir, width: w, tokens: rows, seed }));
    }
  };
  const note = (method: Method, w: number, t: number, m: Measured) => points[method].push({ width: w, tokens: t, seconds: m.seconds, rss: m.peakRssMiB });
  const steps: Record<Method, (w: number, t: number) => void> = {
    'decoder-cosine': (w) => {
      const m = measure({ kind: 'decoder-cosine', dir, width: w, tokens: rows });
      note('decoder-cosine', w, rows, m);
      row(`decoder cosine ${w} × ${w}${m.approximate ? ' (greedy assignment)' : ' (exact assignment)'}`, m,
        `best A→B ${fig(m, 'meanBestAB')}; mutual ${fig(m, 'mutualShare')}; assigned mean ${fig(m, 'assignedMean')}; shared ≥ 0.7 ${fig(m, 'sharedShare')}`);
    },
    aip: (w, t) => {
      const m = measure({ kind: 'aip', dir, width: w, tokens: t });
      note('aip', w, t, m);
      row(`AIP ${w} × ${w} (covariance over ${t.toLocaleString('en-US')} tokens)`, m, `best A→B ${fig(m, 'meanBestAB')}; plain cosine ${fig(m, 'cosineMeanBestAB')}; same best ${fig(m, 'bestAgreement')}`);
    },
    'activation-correlation': (w, t) => {
      encode(w);
      const m = measure({ kind: 'activation-correlation', dir, width: w, tokens: t });
      note('activation-correlation', w, t, m);
      row(`activation correlation ${w} × ${w}, ${t.toLocaleString('en-US')} tokens (+ SVCCA, RSA, 100-draw nulls)`, m,
        `best r A→B ${fig(m, 'meanBestAB')}; SVCCA ${fig(m, 'svcca')}; RSA ${fig(m, 'rsa')}`);
    },
    families: (w, t) => {
      const narrow = narrowOf(w);
      encode(narrow, [0]);
      encode(w, [1]);
      const m = measure({ kind: 'families', dir, width: w, narrow, tokens: t });
      note('families', w, t, m);
      row(`families ${narrow} → ${w}, ${t.toLocaleString('en-US')} tokens`, m, `parents with children ${fig(m, 'parentsWithChildrenShare')}; children each ${fig(m, 'meanChildren', 2)}`);
    },
  };

  // Headline figures at full width and all tokens first, then the sweeps (rows print as each step ends).
  for (const method of methods) steps[method](width, rows);
  if (methods.includes('decoder-cosine')) {
    const naive = measure({ kind: 'naive-cosine', dir, width: naiveWidth, tokens: rows });
    row(`reference: naive dense JS cosine matrix + maxima, ${naiveWidth} × ${naiveWidth}`, naive, `best A→B ${fig(naive, 'meanBestAB')}`);
    if (widths.includes(4096)) {
      const m = measure({ kind: 'decoder-cosine', dir, width: 4096, tokens: rows, exactLimit: 0 });
      row('decoder cosine 4096 × 4096, greedy (approximation gap vs the exact 4096 row)', m, `assigned mean ${fig(m, 'assignedMean')}; shared ${fig(m, 'sharedShare')}`);
    }
  }
  for (const w of widths.slice(0, -1).reverse()) for (const method of methods) steps[method](w, rows);
  for (const t of tokenSweep.slice(0, -1).reverse()) for (const method of methods) if (method !== 'decoder-cosine') steps[method](width, t);

  console.log('\n| method | time ∝ width^s (tokens ' + rows.toLocaleString('en-US') + ') | RSS ∝ width^s | time ∝ tokens^s (width ' + width + ') | RSS ∝ tokens^s |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  const slope = (pts: { size: number; value: number }[]) => {
    const s = logLogSlope(pts);
    return s === undefined ? '–' : fmt(s, 2);
  };
  for (const method of methods) {
    const byWidth = points[method].filter((p) => p.tokens === rows);
    const byTokens = points[method].filter((p) => p.width === width);
    console.log(`| ${method} | ${slope(byWidth.map((p) => ({ size: p.width, value: p.seconds })))} | ${slope(byWidth.map((p) => ({ size: p.width, value: p.rss })))} | ` +
      `${method === 'decoder-cosine' ? 'reads no tokens' : slope(byTokens.map((p) => ({ size: p.tokens, value: p.seconds })))} | ${method === 'decoder-cosine' ? '–' : slope(byTokens.map((p) => ({ size: p.tokens, value: p.rss })))} |`);
  }
} finally {
  if (!flags.work) await rm(dir, { recursive: true, force: true });
}
