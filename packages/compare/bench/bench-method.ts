// One measured step of `npm run bench:compare`, in its own process so its peak RSS is its own.
// Prints one JSON line: { seconds, peakRssMiB, figures }.
import { readFileSync } from 'node:fs';
import { openActivationSource } from '@atlas/activations';
import {
  compareAip, compareDecoders, correlateActivations, dictionaryOf, encodeSource, featureFamilies, type ComparisonSummary,
} from '../src/index.ts';
import { activationsFile, codesFile, loadBenchSae, readCodes, writeCodes } from './bench-inputs.ts';
import { naiveBestMatches } from './naive-reference.ts';

export interface BenchJob {
  kind: 'encode' | 'decoder-cosine' | 'naive-cosine' | 'aip' | 'activation-correlation' | 'families';
  dir: string;
  width: number;
  tokens: number;
  seed?: number;
  narrow?: number;
  exactLimit?: number;
}

const figuresOf = (summary: ComparisonSummary) =>
  Object.fromEntries(summary.figures.map((f) => [f.name, { value: f.value, nullMean: f.null?.mean, p: f.pValue }]));

async function run(job: BenchJob): Promise<{ figures: unknown; approximate?: boolean; loadSeconds: number }> {
  const { dir, width, tokens } = job;
  const loadStarted = performance.now();
  const loaded = () => (performance.now() - loadStarted) / 1000;
  switch (job.kind) {
    case 'encode': {
      const sae = await loadBenchSae(dir, job.seed!, width);
      const source = await openActivationSource(activationsFile(dir));
      const table = await encodeSource(sae, source, { rows: tokens }).finally(() => source.close());
      await writeCodes(codesFile(dir, job.seed!, width), table);
      return { figures: { firings: table.indices.length, rows: table.rows }, loadSeconds: 0 };
    }
    case 'decoder-cosine': {
      const [a, b] = [dictionaryOf(await loadBenchSae(dir, 0, width)), dictionaryOf(await loadBenchSae(dir, 1, width))];
      const loadSeconds = loaded();
      const { summary } = await compareDecoders(a, b, job.exactLimit === undefined ? {} : { exactLimit: job.exactLimit });
      return { figures: figuresOf(summary), approximate: summary.approximate, loadSeconds };
    }
    case 'naive-cosine': {
      const [a, b] = [await loadBenchSae(dir, 0, width), await loadBenchSae(dir, 1, width)];
      const loadSeconds = loaded();
      return { figures: naiveBestMatches(a.W_dec, b.W_dec, width, a.cfg.dIn), loadSeconds };
    }
    case 'aip': {
      const [a, b] = [dictionaryOf(await loadBenchSae(dir, 0, width)), dictionaryOf(await loadBenchSae(dir, 1, width))];
      const source = await openActivationSource(activationsFile(dir));
      const loadSeconds = loaded();
      const { summary } = await compareAip(a, b, source, { rows: tokens }).finally(() => source.close());
      return { figures: figuresOf(summary), approximate: summary.approximate, loadSeconds };
    }
    case 'activation-correlation': {
      const [a, b] = [dictionaryOf(await loadBenchSae(dir, 0, width)), dictionaryOf(await loadBenchSae(dir, 1, width))];
      const [codesA, codesB] = [await readCodes(codesFile(dir, 0, width), tokens), await readCodes(codesFile(dir, 1, width), tokens)];
      const loadSeconds = loaded();
      const { summary } = await correlateActivations(codesA, codesB, { dictionaries: { a, b } });
      return { figures: figuresOf(summary), loadSeconds };
    }
    case 'families': {
      const narrow = job.narrow!;
      const [a, b] = [dictionaryOf(await loadBenchSae(dir, 0, narrow)), dictionaryOf(await loadBenchSae(dir, 1, width))];
      const [codesA, codesB] = [await readCodes(codesFile(dir, 0, narrow), tokens), await readCodes(codesFile(dir, 1, width), tokens)];
      const loadSeconds = loaded();
      const { result } = await featureFamilies(a, b, codesA, codesB);
      return { figures: figuresOf(result.summary), loadSeconds };
    }
  }
}

const job = JSON.parse(process.argv[2]!) as BenchJob;
const started = performance.now();
const out = await run(job);
const seconds = (performance.now() - started) / 1000 - out.loadSeconds;
console.log(JSON.stringify({ ...out, seconds, peakRssMiB: peakRssMiB() }));

/**
 * This process's own peak RSS. Not `resourceUsage().maxRSS`: Linux carries the forking parent's
 * high-water mark across exec into it, so every step reported at least the parent's footprint
 * (1.3 GiB with 1M tokens loaded). VmHWM belongs to this process's address space alone.
 */
function peakRssMiB(): number {
  try {
    const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kib) return Number(kib) / 1024;
  } catch {
    // not Linux: fall back below
  }
  return process.resourceUsage().maxRSS / 1024;
}
