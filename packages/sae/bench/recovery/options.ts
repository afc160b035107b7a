import { parseArgs } from 'node:util';
import type { RecoveryOptions } from '../recovery.ts';
import { COEFFICIENT_LAWS, SAMPLE_SCALES } from './feature-model.ts';
import type { CoefficientLaw, SampleScale } from './feature-model.ts';
import { DEFAULT_RUN_KEYS, RECOVERY_RUNS, gbaSweep } from './runs.ts';

export const USAGE = `Usage: npm run bench:recovery -- [options]
Training:
  --width N            SAE width (default 2048)
  --steps N            optimiser steps of the rows other than gba's (default 2500)
  --gba-steps N        optimiser steps of the gba rows (default 10000: 200 bias updates at T = 50;
                       from b = 0 the low-frequency groups need a few hundred updates to reach their targets)
  --batch N            rows per step (default 512, the paper's)
  --lr X               peak learning rate (default 1e-2)
  --seeds 0,1,2        seeds (data and SAE; default 0,1,2)
  --runs a,b           rows to run (default all: ${DEFAULT_RUN_KEYS.join(', ')})
  --sweep              instead of the rows: gba (both bias starts) over --sweep-widths × --sweep-steps
  --sweep-widths a,b   (default 512,1024,2048)
  --sweep-steps a,b    (default 1000,2500,5000)
  --jobs N             training runs at once, one process each (default 1)
  --threads N          onnxruntime threads per run
Data model (the paper does not state these):
  --samples N          samples (default 32768)
  --coefficients LAW   ${COEFFICIENT_LAWS.join(' | ')} (default uniform: U[0, 1))
  --scale MODE         ${SAMPLE_SCALES.join(' | ')} (default unit: every sample to norm 1; global: all by one factor to mean norm 1)
gba's "b from target quantiles" row starts each bias at its group's target quantile of the first
projections, which departs from the paper (b from 0).`;

/** Command-line flags → options (undefined for --help); a bad value is an error naming the flag. */
export function recoveryOptionsFromArgs(args: string[]): RecoveryOptions | undefined {
  const text = { type: 'string' } as const;
  const { values } = parseArgs({
    args,
    options: {
      'width': text, 'steps': text, 'gba-steps': text, 'batch': text, 'lr': text, 'seeds': text, 'runs': text, 'sweep': { type: 'boolean' },
      'sweep-widths': text, 'sweep-steps': text, 'jobs': text, 'threads': text, 'samples': text, 'coefficients': text, 'scale': text,
      'help': { type: 'boolean' },
    },
  });
  if (values.help) return undefined;
  const fail = (flag: string, problem: string): never => {
    throw new Error(`--${flag} ${problem}.\n${USAGE}`);
  };
  const number = (flag: keyof typeof values, integer = true) => {
    const raw = values[flag] as string | undefined;
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!(value > 0) || (integer && !Number.isSafeInteger(value))) fail(flag, `must be a positive ${integer ? 'integer' : 'number'}, got ${JSON.stringify(raw)}`);
    return value;
  };
  const list = (flag: keyof typeof values, zeroAllowed = false) => {
    const raw = values[flag] as string | undefined;
    const items = raw?.split(',').map(Number);
    if (items && !items.every((v) => Number.isSafeInteger(v) && (zeroAllowed ? v >= 0 : v > 0))) fail(flag, `must be comma-separated integers, got ${JSON.stringify(raw)}`);
    return items;
  };
  const choice = <T extends string>(flag: keyof typeof values, allowed: readonly T[]) => {
    const raw = values[flag] as string | undefined;
    if (raw !== undefined && !(allowed as readonly string[]).includes(raw)) fail(flag, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
    return raw as T | undefined;
  };
  const keys = values.runs?.split(',');
  const unknown = keys?.filter((key) => !(key in RECOVERY_RUNS));
  if (unknown?.length) fail('runs', `names unknown rows ${unknown.join(', ')}; known: ${DEFAULT_RUN_KEYS.join(', ')}`);
  const runs = values.sweep
    ? gbaSweep(list('sweep-widths') ?? [512, 1024, 2048], list('sweep-steps') ?? [1000, 2500, 5000])
    : keys?.map((key) => RECOVERY_RUNS[key]!);
  const data = {
    samples: number('samples'), coefficients: choice<CoefficientLaw>('coefficients', COEFFICIENT_LAWS), scale: choice<SampleScale>('scale', SAMPLE_SCALES),
  };
  const entries = {
    width: number('width'), steps: number('steps'), gbaSteps: number('gba-steps'), batchSize: number('batch'), lr: number('lr', false), seeds: list('seeds', true),
    jobs: number('jobs'), threads: number('threads'), runs, data: defined(data),
  };
  return defined(entries) as RecoveryOptions;
}

function defined<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as Partial<T>;
}
