import { AtlasError } from '@atlas/errors';
import { defineCommand } from '../define-command.ts';
import { flags } from '../flags/index.ts';
import { saeId } from '../shared-flags.ts';

/**
 * `atlas features-for-text --sae ID --text TEXT [--top-k N] [--json]`: runs the SAE's model and the
 * SAE (from the folders its build recorded) on a text; prints each token's strongest features and
 * the features most active over the whole text (always-on ones left out).
 */
export const featuresForTextCommand = defineCommand({
  name: 'features-for-text',
  description: 'Run an SAE of the atlas on your text: each token with its strongest features, and the features most active over the whole text.',
  flags: {
    sae: saeId,
    text: flags.text({ arg: 'text', help: 'the text (up to 64 KiB; longer than the model\'s context runs in windows)', required: 'the text to run, e.g. --text "Call me Ishmael."' }),
    topK: flags.positiveInt({ help: 'features per token (1..64)', default: 5 }),
    densityMax: flags.positiveNumber({ help: 'leave out features denser than this (share of tokens, the always-on ones)', default: 0.1 }),
    json: flags.toggle({ help: 'print the answer as JSON instead of text', default: false }),
  },
  async run(options) {
    const [{ openDatabase, getFeatureDensities, getModelSourcePaths, getSaeWeightsPaths, getSaesByIds, getCurrentLabels, getFeaturesByIndex },
      { loadLanguageModel }, { loadSae }, { featuresForText }] = await Promise.all([
      import('@atlas/db'), import('@atlas/model'), import('@atlas/sae'), import('@atlas/search'),
    ]);
    const db = await openDatabase();
    try {
      const [sae] = await getSaesByIds(db, [options.sae]);
      if (!sae) throw new AtlasError(`No SAE "${options.sae}" in the atlas; \`atlas build\` or \`atlas import\` one first.`, { code: 'NOT_FOUND' });
      const [modelPath, saePath] = [(await getModelSourcePaths(db, [sae.modelId])).get(sae.modelId), (await getSaeWeightsPaths(db, [sae.id])).get(sae.id)];
      if (!modelPath) throw new AtlasError(`Model "${sae.modelId}" has no recorded folder; rebuild its atlas with \`atlas build\`.`, { code: 'MODEL_UNAVAILABLE' });
      if (!saePath) throw new AtlasError(`SAE "${sae.id}" has no recorded weights folder (an imported atlas carries none); build it here with \`atlas build\`.`, { code: 'MODEL_UNAVAILABLE' });
      const [model, weights, densities] = await Promise.all([loadLanguageModel(modelPath), loadSae(saePath), getFeatureDensities(db, sae.id)]);
      try {
        const answer = await featuresForText(model, weights, options.text, { topK: options.topK, densities, densityMax: options.densityMax });
        const id = (index: number) => `${sae.id}/${index}`;
        if (options.json) {
          console.log(JSON.stringify({
            sae: sae.id, windows: answer.windows, densityFilter: answer.densityFilter, notice: answer.notice,
            tokens: answer.tokens.map((token) => ({ ...token, features: token.features.map((f) => ({ id: id(f.index), ...f })) })),
            features: answer.features.map((f) => ({ id: id(f.index), ...f })),
          }, null, 2));
          return;
        }
        if (answer.notice) console.log(`note: ${answer.notice}`);
        for (const token of answer.tokens) {
          const fired = token.features.map((f) => `${f.index} (${f.value.toFixed(2)})`).join(', ');
          console.log(`${String(token.position).padStart(4)} ${JSON.stringify(token.token).padEnd(16)} ${fired || '—'}`);
        }
        const rows = await getFeaturesByIndex(db, answer.features.map((f) => ({ saeId: sae.id, index: f.index })));
        const labels = await getCurrentLabels(db, rows.map((row) => row.id));
        const labelOf = new Map(rows.map((row) => [row.index, labels.get(row.id)?.text ?? '']));
        console.log(`\nMost active over the text${answer.densityFilter ? ` (features denser than ${answer.densityFilter.max} left out: ${answer.densityFilter.excludedFeatures})` : ''}:`);
        for (const f of answer.features) {
          console.log(`  ${id(f.index)}  total ${f.total.toFixed(2)}, max ${f.maxValue.toFixed(2)} at ${JSON.stringify(answer.tokens[f.maxPosition]?.token ?? '')}, ${f.tokenCount} tokens  ${labelOf.get(f.index) ?? ''}`);
        }
      } finally {
        await model.dispose();
      }
    } finally {
      await db.close();
    }
  },
});
