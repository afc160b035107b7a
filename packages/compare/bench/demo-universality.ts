// The published references' setting at demo scale (docs/benchmarks.md, issue 12): two seeds of one
// SAE (decoder cosine, exact assignment, shared ≥ 0.7) and SAEs of the two demo LMs (activation
// correlation, then SVCCA/RSA against 100 random re-pairings). Same setup as test/cross-model.test.ts.
//   npx tsx packages/compare/bench/demo-universality.ts [--tokens 16384] [--width 512] [--epochs 4]
import { parseArgs } from 'node:util';
import { loadCorpus } from '@atlas/corpus';
import { demoModelBDir, demoModelDir } from '@atlas/demo-model';
import { loadLanguageModel } from '@atlas/model';
import { trainSae } from '@atlas/sae';
import { collectAlignedCodes, compareDecoders, correlateActivations, dictionaryOf, type ComparisonSummary } from '../src/index.ts';
import { demoActivations, HOOK } from '../test/support/demo-activations.ts';

const { values } = parseArgs({ options: { tokens: { type: 'string', default: '16384' }, width: { type: 'string', default: '512' }, epochs: { type: 'string', default: '4' } } });
const [tokens, width, epochs] = [Number(values.tokens), Number(values.width), Number(values.epochs)];
const show = (label: string, summary: ComparisonSummary) =>
  console.log(`${label}: ${summary.figures.map((f) => `${f.name} ${f.value.toFixed(3)}${f.null ? ` (null ${f.null.mean.toFixed(3)} ± ${f.null.sd.toFixed(3)}, max ${f.null.max.toFixed(3)}${f.pValue === undefined ? '' : `, p ${f.pValue.toFixed(4)}`})` : ''}`).join('; ')}`);

const [modelA, modelB] = [await loadLanguageModel(demoModelDir), await loadLanguageModel(demoModelBDir)];
const [a, b] = [await demoActivations(tokens, modelA), await demoActivations(tokens, modelB)];
const train = async (x: typeof a, seed: number, modelId: string) => {
  const { sae } = await trainSae({ activations: x.activations, rows: x.rows, dIn: x.dIn, architecture: 'topk', width, k: 16, batchSize: 512, epochs, seed });
  return { ...sae, cfg: { ...sae.cfg, modelId, hookName: HOOK } };
};
const [seed1, seed2, other] = [await train(a, 1, 'demo-lm'), await train(a, 2, 'demo-lm'), await train(b, 1, 'demo-lm-b')];
console.log(`demo LMs ${HOOK}, ${a.rows} held-out tokens; TopK width ${width}, k 16, ${epochs} epochs on them`);
show('two seeds, decoder cosine', (await compareDecoders(dictionaryOf(seed1), dictionaryOf(seed2))).summary);
const corpus = await loadCorpus('demo-heldout');
const { codesA, codesB } = await collectAlignedCodes({ model: modelA, hook: HOOK, sae: seed1 }, { model: modelB, hook: HOOK, sae: other }, { documents: corpus.documents, tokens });
show('demo-lm vs demo-lm-b, activation correlation', (await correlateActivations(codesA, codesB, { dictionaries: { a: dictionaryOf(seed1), b: dictionaryOf(other) } })).summary);
