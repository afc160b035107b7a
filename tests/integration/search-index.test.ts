import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLabels, getFeatureDensities, getFeatureSearchEvidence, getFeaturesByIndex, getSearchDocumentStates } from '@atlas/db';
import { demoModelDir } from '@atlas/demo-model';
import { loadLanguageModel } from '@atlas/model';
import { buildAtlas, silentProgress } from '@atlas/pipeline';
import { loadSae } from '@atlas/sae';
import { featuresForText, loadDefaultSearchEngine, searchFeatures } from '@atlas/search';
import { buildTinyAtlas, type TinyAtlas } from '../support/tiny-atlas.ts';

/** A build indexes its features for search; the index follows new labels; the built SAE answers featuresForText. */
describe('search over a built atlas', () => {
  let atlas: TinyAtlas;
  const engine = loadDefaultSearchEngine();
  beforeAll(async () => {
    atlas = await buildTinyAtlas();
  }, 600_000);
  afterAll(async () => {
    await atlas.db.close();
    rmSync(atlas.workDir, { recursive: true, force: true });
  });

  it('indexes every feature with evidence, and finds one by the word it peaks on', async () => {
    const { db, result } = atlas;
    const evidence = await getFeatureSearchEvidence(db, { saeId: result.saeId, afterIndex: null, limit: 100 });
    const live = evidence.filter((feature) => feature.contexts.length > 0);
    expect(live.length).toBeGreaterThan(0);
    const states = await getSearchDocumentStates(db, live.map((feature) => feature.featureId));
    expect(states.size).toBe(live.length);
    const feature = live.find((f) => /^\s?[A-Za-z]{4,}$/.test(f.contexts[0]!.tokens[f.contexts[0]!.maxPosition]!))!;
    const word = feature.contexts[0]!.tokens[feature.contexts[0]!.maxPosition]!.trim();
    const page = await searchFeatures(db, engine, { query: word, mode: 'FULL_TEXT', first: 100, filter: { saeIds: [result.saeId] } });
    expect(page.results.map((r) => r.featureId)).toContain(feature.featureId);
  });

  it('refreshes the index when a later build finds labels newer than it', async () => {
    const { db, result, recipe, workDir } = atlas;
    const [feature] = await getFeaturesByIndex(db, [{ saeId: result.saeId, index: 0 }]);
    await addLabels(db, [{ featureId: feature!.id, text: 'harpooneers aboard the Pequod', source: 'llm', method: 'test', authorModel: 'test' }]);
    const before = await searchFeatures(db, engine, { query: 'harpooneers', mode: 'FULL_TEXT', filter: { saeIds: [result.saeId] } });
    expect(before.results.map((r) => r.featureId)).not.toContain(feature!.id);
    const lines: string[] = [];
    const again = await buildAtlas(recipe, { db, workDir, progress: silentProgress, log: (line) => lines.push(line) });
    expect(again.skipped).toBe(true);
    expect(lines.join('\n')).toMatch(/Search index of .*: 1 documents embedded with [12] labels \(\d+ labels\/s in the embedder/);
    const after = await searchFeatures(db, engine, { query: 'harpooneers', mode: 'FULL_TEXT', filter: { saeIds: [result.saeId] } });
    expect(after.results[0]).toMatchObject({ featureId: feature!.id, match: { part: { kind: 'label', source: 'llm' } } });
  });

  it('runs featuresForText with the built SAE and the atlas densities', async () => {
    const { db, result, workDir } = atlas;
    const stage = readdirSync(workDir).find((name) => /^[0-9a-f]{16}$/.test(name))!;
    const sae = await loadSae(path.join(workDir, stage, 'sae'));
    const model = await loadLanguageModel(demoModelDir);
    const densities = await getFeatureDensities(db, result.saeId);
    const answer = await featuresForText(model, sae, 'Call me Ishmael. The ship sailed across the sea.', { densities });
    expect(answer.tokens.length).toBeGreaterThan(5);
    expect(answer.tokens.some((token) => token.features.length > 0)).toBe(true);
    expect(answer.densityFilter?.max).toBe(0.1);
    for (const feature of answer.features) expect(densities[feature.index]).toBeLessThanOrEqual(0.1);
  });
});
