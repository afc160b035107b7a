import MiniSearch from 'minisearch';
import { readPoolTexts } from './pool-texts.ts';
import type { SelectionMethod } from './method.ts';

/**
 * BM25 (MiniSearch's BM25+, k1 1.2, b 0.7): the pool indexed as documents, one query made of
 * every target text (a term's weight grows with its count across targets, as a sum of one
 * query per target would). Samples sharing no term score 0.
 */
export const bm25Method: SelectionMethod = {
  name: 'bm25',
  check() {},
  async score(context) {
    const started = performance.now();
    const { ids, texts } = await readPoolTexts(context.db, context.pool.id);
    const targets = 'texts' in context.targets ? context.targets.texts : (await readPoolTexts(context.db, context.targets.pool.id)).texts;
    const readSeconds = (performance.now() - started) / 1000;
    const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], idField: 'id' });
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
    for (const hit of index.search(targets.join('\n'), { combineWith: 'OR' })) scores[positionOf.get(hit.id as number)!] = hit.score;
    const scoreSeconds = (performance.now() - started) / 1000 - readSeconds - indexSeconds;
    context.progress({ stage: 'score', done: ids.length, total: ids.length });
    return { sampleIds: Float64Array.from(ids), scores, stats: { readSeconds, indexSeconds, scoreSeconds } };
  },
};
