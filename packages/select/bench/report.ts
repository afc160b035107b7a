import type { FinetuneResult } from './downstream.ts';
import type { PrecisionRow } from './precision.ts';

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / Math.max(values.length, 1);
const sd = (values: number[]) => Math.sqrt(mean(values.map((v) => (v - mean(values)) ** 2)));

/** Methods × tasks, precision@k averaged over seeds; the last column averages the tasks (± sd over seeds). */
export function precisionTable(rows: PrecisionRow[], tasks: string[], methods: string[]): string {
  const seeds = [...new Set(rows.map((r) => r.seed))];
  const lines = [
    `| method | ${tasks.join(' | ')} | mean (± sd over ${seeds.length} seeds) |`,
    `| --- | ${tasks.map(() => '---:').join(' | ')} | ---: |`,
  ];
  for (const method of methods) {
    const cells = tasks.map((task) => mean(rows.filter((r) => r.method === method && r.task === task).map((r) => r.precision)));
    const perSeed = seeds.map((seed) => mean(rows.filter((r) => r.method === method && r.seed === seed).map((r) => r.precision)));
    lines.push(`| ${method} | ${cells.map((c) => c.toFixed(3)).join(' | ')} | **${mean(perSeed).toFixed(3)}** ± ${sd(perSeed).toFixed(3)} |`);
  }
  return lines.join('\n');
}

/** Runs × tasks, held-out loss after fine-tuning (lower is better); `base` is the model before. */
export function downstreamTable(results: FinetuneResult[], tasks: string[], runs: string[]): string {
  const lines = [`| fine-tuned on | ${tasks.join(' | ')} | mean |`, `| --- | ${tasks.map(() => '---:').join(' | ')} | ---: |`];
  for (const run of runs) {
    const cells = tasks.map((task) => results.find((r) => r.run === run && r.task === task)?.loss);
    const known = cells.filter((c): c is number => c !== undefined);
    lines.push(`| ${run} | ${cells.map((c) => (c === undefined ? '—' : c.toFixed(3))).join(' | ')} | **${mean(known).toFixed(3)}** |`);
  }
  return lines.join('\n');
}
