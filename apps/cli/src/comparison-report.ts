import type { ComparisonRunRow } from '@atlas/db';

interface StoredFigure {
  name: string;
  value: number;
  description: string;
  null?: { kind: string; draws: number; mean: number; sd: number; max: number };
  pValue?: number;
}

const number = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(3));

/** A stored comparison's summary: one line per figure with its null and p-value, or the JSON. */
export function printComparison(run: ComparisonRunRow, reused: boolean, json: boolean): void {
  const figures = run.figures as StoredFigure[];
  if (json) {
    const { id, saeA, saeB, method, params, approximate, matchCount } = run;
    console.log(JSON.stringify({ comparisonId: id, reused, saeA, saeB, method, approximate, matchCount, params, figures }, null, 2));
    return;
  }
  console.log(`${run.method}: ${run.saeA} → ${run.saeB}  (comparison ${run.id}${reused ? ', reused' : ''}; ${run.matchCount} match edges${run.approximate ? `; approximate: ${String(run.params.assignment)}` : ''})`);
  for (const item of figures) {
    const against = item.null ? `  null ${item.null.kind} ${number(item.null.mean)} ± ${number(item.null.sd)} (${item.null.draws} draws)` : '';
    const p = item.pValue === undefined ? '' : `  p ${number(item.pValue)}`;
    console.log(`  ${item.name.padEnd(20)} ${number(item.value).padStart(8)}${against}${p}  — ${item.description}`);
  }
}
