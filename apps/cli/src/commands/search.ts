import { defineCommand } from '../define-command.ts';
import { flags } from '../flags/index.ts';

const MODES = { hybrid: 'HYBRID', 'full-text': 'FULL_TEXT', vector: 'VECTOR' } as const;

/**
 * `atlas search QUERY [--sae ID] [--mode hybrid|full-text|vector] [--first N] [--json]`: features
 * of the atlas by words and meaning (labels and evidence), best first, with what matched.
 */
export const searchCommand = defineCommand({
  name: 'search',
  description: 'Find features by words and meaning: full text over labels and evidence (WordNet-expanded) fused with word-vector nearest neighbours.',
  argument: { name: 'query', flag: 'query' },
  flags: {
    query: flags.text({ arg: 'text', help: 'words or "a phrase" to search for', required: 'a word or phrase, e.g. atlas search "whale"' }),
    sae: flags.text({ arg: 'id', help: 'only this SAE, e.g. demo-lm/blocks.2.hook_resid_post/topk-4096' }),
    mode: flags.choice(['hybrid', 'full-text', 'vector'], { help: 'full text and vectors fused, or either alone', default: 'hybrid' }),
    first: flags.positiveInt({ help: 'results (1..100)', default: 20 }),
    json: flags.toggle({ help: 'print the page as JSON (ids, scores, ranks, matched text) instead of a table', default: false }),
  },
  async run(options) {
    const [{ openDatabase, getCurrentLabels, getFeaturesByIds }, { loadConfiguredSearchEngine, searchFeatures }] = await Promise.all([
      import('@atlas/db'), import('@atlas/search'),
    ]);
    const db = await openDatabase();
    try {
      const page = await searchFeatures(db, await loadConfiguredSearchEngine(), {
        query: options.query, mode: MODES[options.mode], first: options.first, ...(options.sae ? { filter: { saeIds: [options.sae] } } : {}),
      });
      const ids = page.results.map((result) => result.featureId);
      const [features, labels] = await Promise.all([getFeaturesByIds(db, ids), getCurrentLabels(db, ids)]);
      const density = new Map(features.map((feature) => [feature.id, feature.density]));
      const rows = page.results.map((result) => ({
        id: `${result.saeId}/${result.index}`,
        score: result.score,
        fullTextRank: result.fullTextRank,
        vectorRank: result.vectorRank,
        density: density.get(result.featureId) ?? null,
        label: labels.get(result.featureId)?.text ?? null,
        match: result.match ? { part: result.match.part.kind, text: result.match.text, highlights: result.match.highlights } : null,
      }));
      if (options.json) {
        console.log(JSON.stringify({ mode: page.mode, terms: page.terms, expansions: page.expansions, notices: page.notices, results: rows, pageInfo: page.pageInfo }, null, 2));
        return;
      }
      for (const notice of page.notices) console.log(`note: ${notice}`);
      if (rows.length === 0) {
        console.log(`No features match "${options.query}" (${options.mode}).`);
        return;
      }
      rows.forEach((row, i) => {
        const density = row.density === null ? '' : ` density ${(row.density * 100).toPrecision(2)}%`;
        console.log(`${String(i + 1).padStart(3)}. ${row.id}  score ${row.score.toPrecision(3)}${density}`);
        if (row.label) console.log(`     ${row.label}`);
        if (row.match && row.match.text !== row.label) console.log(`     ${row.match.part}: ${marked(row.match.text, row.match.highlights)}`);
      });
      if (page.expansions.length > 0) console.log(`(also searched: ${page.expansions.slice(0, 12).join(', ')}${page.expansions.length > 12 ? ', …' : ''})`);
    } finally {
      await db.close();
    }
  },
});

/** The text with its matched ranges in [brackets]. */
function marked(text: string, ranges: [number, number][]): string {
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    out += `${text.slice(at, start)}[${text.slice(start, end)}]`;
    at = end;
  }
  return (out + text.slice(at)).replace(/\s+/g, ' ');
}
