import { describe, expect, it } from 'vitest';
import { sqlExecutor } from '@atlas/db';
import { buildAtlas, silentProgress, type AtlasRecipe } from '@atlas/pipeline';
import { graphql } from '../support/graphql.ts';
import { serveTinyAtlas, tinyRecipe } from '../support/tiny-atlas.ts';

type Edge = {
  cursor: string;
  score: number;
  fullTextRank: number | null;
  vectorRank: number | null;
  node: { id: string; index: number };
  match: { part: string; labelSource: string | null; text: string; highlights: { start: number; end: number }[] } | null;
};
type TextAnswer = {
  featuresForText: {
    sae: { id: string };
    tokens: { position: number; token: string; features: { index: number; value: number; feature: { id: string } }[] }[];
    features: { index: number; feature: { id: string; density: number } }[];
    windows: { count: number; windowed: boolean };
    densityFilter: { max: number };
    notice: string | null;
  };
};
type Search = { searchFeatures: { edges: Edge[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; mode: string; terms: string[]; notices: string[] } };

const SEARCH = `query ($q: String!, $mode: SearchMode, $filter: FeatureSearchFilter, $first: Int, $after: String) {
  searchFeatures(query: $q, mode: $mode, filter: $filter, first: $first, after: $after) {
    mode terms notices
    edges { cursor score fullTextRank vectorRank node { id index } match { part labelSource text highlights { start end } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const TEXT = `query ($sae: ID!, $text: String!, $topK: Int) {
  featuresForText(saeId: $sae, text: $text, topK: $topK) {
    sae { id }
    tokens { position token features { index value feature { id } } }
    features { index total maxValue maxPosition tokenCount feature { id density } }
    windows { count size stride windowed }
    densityFilter { max excludedFeatures }
    notice
  }
}`;

/** The real pipeline builds a tiny atlas (indexed for search as every build is) and the real API serves it. */
describe('search over GraphQL: searchFeatures, featuresForText, neighbours across SAEs', () => {
  const tiny = serveTinyAtlas();
  const code = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code;

  /** A live feature and the word its strongest context peaks on. */
  async function peakWord(): Promise<{ id: string; word: string }> {
    const { data } = await graphql<{ features: { edges: { node: { id: string; isDead: boolean; topActivations: { tokens: string[]; maxPosition: number }[] } }[] } }>(
      tiny.url, `query ($sae: ID!) { features(saeId: $sae, first: 64) { edges { node { id isDead topActivations(first: 1) { tokens maxPosition } } } } }`,
      { sae: tiny.atlas.result.saeId },
    );
    for (const { node } of data!.features.edges) {
      const top = node.topActivations[0];
      const word = top?.tokens[top.maxPosition]?.trim() ?? '';
      if (!node.isDead && /^[A-Za-z]{4,}$/.test(word)) return { id: node.id, word };
    }
    throw new Error('no live feature peaks on a word');
  }

  it('finds a feature by the word it fires on, with its score and the matched text highlighted', async () => {
    const { id, word } = await peakWord();
    const result = await graphql<Search>(tiny.url, SEARCH, { q: word, mode: 'FULL_TEXT', first: 100 });
    expect(result.errors).toBeUndefined();
    const page = result.data!.searchFeatures;
    expect(page.mode).toBe('FULL_TEXT');
    const edge = page.edges.find((e) => e.node.id === id);
    expect(edge).toBeDefined();
    expect(edge!.score).toBeGreaterThan(0);
    expect(edge!.match!.highlights.length).toBeGreaterThan(0);
    const { start, end } = edge!.match!.highlights[0]!;
    expect(edge!.match!.text.slice(start, end).toLowerCase()).toContain(word.toLowerCase().slice(0, 4));
    // The default mode is HYBRID, which ranks by both; VECTOR answers by meaning alone.
    const hybrid = await graphql<Search>(tiny.url, SEARCH, { q: word });
    expect(hybrid.data!.searchFeatures.mode).toBe('HYBRID');
    expect(hybrid.data!.searchFeatures.edges.map((e) => e.node.id)).toContain(id);
    const vector = await graphql<Search>(tiny.url, SEARCH, { q: 'the ocean and sailors', mode: 'VECTOR', first: 5 });
    expect(vector.errors).toBeUndefined();
    expect(vector.data!.searchFeatures.edges.every((e) => e.vectorRank !== null && e.fullTextRank === null)).toBe(true);
  });

  it('pages by cursor without gaps or repeats, and filters', async () => {
    const whole = await graphql<Search>(tiny.url, SEARCH, { q: 'the sea ship', first: 30 });
    const ids = whole.data!.searchFeatures.edges.map((e) => e.node.id);
    expect(ids.length).toBeGreaterThan(4);
    const paged: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 20 && paged.length < ids.length; pages++) {
      const page: { data?: Search } = await graphql<Search>(tiny.url, SEARCH, { q: 'the sea ship', first: 2, after });
      paged.push(...page.data!.searchFeatures.edges.map((e) => e.node.id));
      after = page.data!.searchFeatures.pageInfo.endCursor;
      if (!page.data!.searchFeatures.pageInfo.hasNextPage) break;
    }
    expect(paged.slice(0, ids.length)).toEqual(ids);
    const fromEdge = await graphql<Search>(tiny.url, SEARCH, { q: 'the sea ship', first: 1, after: whole.data!.searchFeatures.edges[2]!.cursor });
    expect(fromEdge.data!.searchFeatures.edges[0]!.node.id).toBe(ids[3]);

    const dense = await graphql<Search>(tiny.url, SEARCH, { q: 'the sea ship', first: 30, filter: { densityMin: 0.2 } });
    const sparse = await graphql<Search>(tiny.url, SEARCH, { q: 'the sea ship', first: 30, filter: { densityMax: 0.2, saeIds: [tiny.atlas.result.saeId], labelSources: ['MACHINE'] } });
    expect(new Set([...dense.data!.searchFeatures.edges, ...sparse.data!.searchFeatures.edges].map((e) => e.node.id)).size)
      .toBe(dense.data!.searchFeatures.edges.length + sparse.data!.searchFeatures.edges.length);
    const otherModel = await graphql<Search>(tiny.url, SEARCH, { q: 'sea', filter: { modelId: 'demo-lm', hook: 'blocks.2.hook_resid_post' } });
    expect(otherModel.errors).toBeUndefined();
  });

  it('reads nothing in a query as syntax, and refuses bad input with BAD_USER_INPUT naming the limit', async () => {
    for (const q of [`sea'); drop table features; --`, 'sea & !ship | (whale:*) <-> "unbalanced', 'sea\u0007ship']) {
      const result = await graphql<Search>(tiny.url, SEARCH, { q, mode: 'FULL_TEXT' });
      expect(result.errors).toBeUndefined();
    }
    const refusals: [Record<string, unknown>, RegExp][] = [
      [{ q: '   ' }, /empty/],
      [{ q: 'sea '.repeat(2500) }, /500/],
      [{ q: 'sea', first: 0 }, /1 to 100|between 1 and 100/],
      [{ q: 'sea', first: 101 }, /100/],
      [{ q: 'sea', filter: { saeIds: ['no/such/sae'] } }, /no\/such\/sae|Unknown SAE/i],
      [{ q: 'sea', filter: { modelId: 'no-such-lm' } }, /no-such-lm/],
      [{ q: 'sea', filter: { saeIds: Array.from({ length: 101 }, (_, i) => `s${i}`) } }, /limit is 100/],
      [{ q: 'sea', filter: { densityMin: 2 } }, /density/i],
      [{ q: 'sea', after: 'garbage' }, /after/],
    ];
    for (const [variables, message] of refusals) {
      const result = await graphql(tiny.url, SEARCH, variables);
      expect(code(result), JSON.stringify(variables).slice(0, 80)).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.message).toMatch(message);
    }
  });

  it('runs the model and the SAE on a text: tokens with their features, features over the text, windows flagged', async () => {
    const sae = tiny.atlas.result.saeId;
    const short = await graphql<TextAnswer>(tiny.url, TEXT, { sae, text: 'Call me Ishmael. The ship sailed across the sea.', topK: 3 });
    expect(short.errors).toBeUndefined();
    const answer = short.data!.featuresForText;
    expect(answer.sae.id).toBe(sae);
    expect(answer.tokens.length).toBeGreaterThan(5);
    expect(answer.tokens.every((token) => token.features.length <= 3)).toBe(true);
    const fired = answer.tokens.flatMap((token) => token.features);
    expect(fired.length).toBeGreaterThan(0);
    expect(fired[0]!.feature.id).toBe(`${sae}/${fired[0]!.index}`);
    expect(answer.features.length).toBeGreaterThan(0);
    for (const feature of answer.features) expect(feature.feature.density).toBeLessThanOrEqual(answer.densityFilter.max);
    expect(answer.windows.windowed).toBe(false);
    expect(answer.notice).toBeNull();

    const long = await graphql<TextAnswer>(tiny.url, TEXT, { sae, text: 'The whale swam past the ship. '.repeat(80) });
    expect(long.errors).toBeUndefined();
    expect(long.data!.featuresForText.windows.windowed).toBe(true);
    expect(long.data!.featuresForText.windows.count).toBeGreaterThan(1);
    expect(long.data!.featuresForText.notice).toMatch(/window/);
  });

  it('refuses bad text requests with a code that says what to do', async () => {
    const sae = tiny.atlas.result.saeId;
    const empty = await graphql(tiny.url, TEXT, { sae, text: '' });
    expect(code(empty)).toBe('BAD_USER_INPUT');
    const huge = await graphql(tiny.url, TEXT, { sae, text: 'a'.repeat(100_000) });
    expect(code(huge)).toBe('BAD_USER_INPUT');
    expect(huge.errors![0]!.message).toMatch(/65536 bytes|64 KiB/);
    expect(code(await graphql(tiny.url, TEXT, { sae, text: 'sea', topK: 0 }))).toBe('BAD_USER_INPUT');
    expect(code(await graphql(tiny.url, TEXT, { sae: 'no/such/sae', text: 'sea' }))).toBe('NOT_FOUND');
    const twice = await graphql(tiny.url, `query { a: featuresForText(saeId: "${sae}", text: "sea") { notice } b: featuresForText(saeId: "${sae}", text: "ship") { notice } }`);
    expect(code(twice)).toBe('QUERY_TOO_COSTLY');
    // An SAE whose weights are not on this server (an imported bundle records none).
    const db = sqlExecutor(tiny.atlas.db);
    const [row] = (await db.executeSql('select weights_path from saes where id = $1', [sae])).rows as { weights_path: string }[];
    await db.executeSql('update saes set weights_path = null where id = $1', [sae]);
    try {
      const missing = await graphql(tiny.url, TEXT, { sae, text: 'weights elsewhere' });
      expect(code(missing)).toBe('MODEL_UNAVAILABLE');
      expect(missing.errors![0]!.message).not.toMatch(/atlas-tiny|\/tmp/);
    } finally {
      await db.executeSql('update saes set weights_path = $1 where id = $2', [row!.weights_path, sae]);
    }
  });

  it('finds the nearest features of another SAE on the same model and hook, within bounds', async () => {
    const { db, recipe, workDir } = tiny.atlas;
    const narrower = { ...tinyRecipe(recipe.corpus), width: 32 } as AtlasRecipe;
    const second = await buildAtlas(narrower, { db, workDir, progress: silentProgress, log: () => {} });
    expect(second.saeId).not.toBe(tiny.atlas.result.saeId);
    const { id } = await peakWord();
    const result = await graphql<{ feature: { decoderNeighboursAcrossSaes: { cosine: number; feature: { id: string; sae: { id: string } } }[] } }>(
      tiny.url, `query ($id: ID!) { feature(id: $id) { decoderNeighboursAcrossSaes(perSae: 2) { cosine feature { id sae { id } } } } }`, { id },
    );
    expect(result.errors).toBeUndefined();
    const neighbours = result.data!.feature.decoderNeighboursAcrossSaes;
    expect(neighbours).toHaveLength(2);
    expect(neighbours.every((n) => n.feature.sae.id === second.saeId)).toBe(true);
    expect(neighbours[0]!.cosine).toBeGreaterThanOrEqual(neighbours[1]!.cosine);
    const tooMany = await graphql(tiny.url, `query ($id: ID!) { feature(id: $id) { decoderNeighboursAcrossSaes(perSae: 11) { cosine } } }`, { id });
    expect(code(tooMany)).toBe('BAD_USER_INPUT');
    const costly = await graphql(tiny.url, `query ($sae: ID!) { features(saeId: $sae, first: 100) { edges { node { decoderNeighboursAcrossSaes { feature { topActivations { tokens } } } } } } }`, { sae: second.saeId });
    expect(code(costly)).toBe('QUERY_TOO_COSTLY');
  }, 600_000);
});
