import MiniSearch from 'minisearch';
import { readPoolTexts } from './pool-texts.ts';
import type { SelectionMethod } from './method.ts';

/**
 * BM25 (MiniSearch, classic Okapi: k1 1.2, b 0.75, no BM25+ floor): the pool indexed as
 * documents, each target text one query, each query's scores divided by its best (queries differ
 * in length and so in scale), then the mean over targets (`prototype`) or the maximum (`max`).
 * One query made of all targets together would be dominated by long pool samples matching many
 * of its terms (measured: precision near random on WordNet tasks).
 */
export const bm25Method: SelectionMethod = {
  name: 'bm25',
  check() {},
  async score(context) {
    const started = performance.now();
    const { ids, texts } = await readPoolTexts(context.db, context.pool.id);
    const targets = 'texts' in context.targets ? context.targets.texts : (await readPoolTexts(context.db, context.targets.pool.id)).texts;
    const readSeconds = (performance.now() - started) / 1000;
    const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], idField: 'id', searchOptions: { bm25: { k: 1.2, b: 0.75, d: 0 } } });
    const positionOf = new Map<number, number>();
    const documents = ids.map((id, i) => {
      positionOf.set(id, i);
      return { id, text: texts[i]! };
    });
    for (let start = 0; start < documents.length; start += 10_000) {
      index.addAll(documents.slice(start, start + 10_000));
      context.progress({ stage: 'represent', done: Math.min(start + 10_000, documents.length), total: documents.length });
    }
    const indexSeconds = (performance.now() - started) / 1000 - readSeconds;
    const scores = new Float32Array(ids.length);
    targets.forEach((target, t) => {
      const hits = index.search(target);
      const best = hits[0]?.score ?? 1;
      for (const hit of hits) {
        const position = positionOf.get(hit.id as number)!;
        const normalised = hit.score / best;
        scores[position] = context.aggregation === 'max' ? Math.max(scores[position]!, normalised) : scores[position]! + normalised / targets.length;
      }
      if (t % 16 === 15) context.progress({ stage: 'score', done: t + 1, total: targets.length });
    });
    const scoreSeconds = (performance.now() - started) / 1000 - readSeconds - indexSeconds;
    return { sampleIds: Float64Array.from(ids), scores, stats: { readSeconds, indexSeconds, scoreSeconds } };
  },
};
