/**
 * Recall@10 and MRR of each search mode on the committed evaluation set over the demo atlas.
 *
 *   npm run eval:search            (after `npx atlas build-demo`, which also builds the search index)
 *
 * recall@10: the share of a query's relevant features in its first 10 results (out of at most
 * 10), averaged over queries. MRR: the mean of 1 / (position of the first relevant result) in
 * the first 100 results (0 when none is there).
 */
import { getSaeBuild, openDatabase } from '@atlas/db';
import { loadDefaultSearchEngine, searchFeatures, type SearchMode } from '../src/index.ts';
import { readEvalSet, type EvalQuery } from './eval-set.ts';

const RUNS: { name: string; mode: SearchMode; expand: boolean }[] = [
  { name: 'FULL_TEXT, no expansion', mode: 'FULL_TEXT', expand: false },
  { name: 'FULL_TEXT', mode: 'FULL_TEXT', expand: true },
  { name: 'VECTOR', mode: 'VECTOR', expand: true },
  { name: 'HYBRID', mode: 'HYBRID', expand: true },
];

const set = readEvalSet();
const db = await openDatabase();
const build = await getSaeBuild(db, set.saeId);
if (!build) throw new Error(`${set.saeId} is not in the atlas: run \`npx atlas build-demo\` first.`);
if (build.checksum !== set.checksum) {
  console.warn(`Note: the atlas build (${build.checksum.slice(0, 12)}) differs from the one the set was made from (${set.checksum.slice(0, 12)}); feature indices may not match.`);
}
const engine = loadDefaultSearchEngine();
const filter = { saeIds: [set.saeId] };

type Score = { recall: number; reciprocalRank: number };
const table: string[] = [];
table.push('| mode | queries | recall@10 | MRR | recall@10 synonym / hypernym | p50 ms |', '| --- | --- | --- | --- | --- | --- |');
for (const run of RUNS) {
  const scores: (Score & { kind: EvalQuery['kind'] })[] = [];
  const times: number[] = [];
  for (const query of set.queries) {
    const started = performance.now();
    const page = await searchFeatures(db, engine, { query: query.query, mode: run.mode, expand: run.expand, filter, first: 100 });
    times.push(performance.now() - started);
    const ranked = page.results.map((result) => result.index);
    const relevant = new Set(query.relevant);
    const hits = ranked.slice(0, 10).filter((index) => relevant.has(index)).length;
    const first = ranked.findIndex((index) => relevant.has(index));
    scores.push({ kind: query.kind, recall: hits / Math.min(10, relevant.size), reciprocalRank: first < 0 ? 0 : 1 / (first + 1) });
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const recallOf = (kind: EvalQuery['kind']) => mean(scores.filter((s) => s.kind === kind).map((s) => s.recall)).toFixed(3);
  times.sort((a, b) => a - b);
  table.push(
    `| ${run.name} | ${scores.length} | ${mean(scores.map((s) => s.recall)).toFixed(3)} | ${mean(scores.map((s) => s.reciprocalRank)).toFixed(3)} | ` +
      `${recallOf('synonym')} / ${recallOf('hypernym')} | ${times[Math.floor(times.length / 2)]!.toFixed(0)} |`,
  );
}
await db.close();
console.log(`Evaluation set: ${set.queries.length} queries over ${set.saeId} (embedder ${engine.embedderId})\n`);
console.log(table.join('\n'));
