import { beforeAll, describe, expect, it } from 'vitest';
import { inMemorySource } from '@atlas/activations';
import type { SaeWeights } from '@atlas/sae';
import {
  compareAip, compareDecoders, correlateActivations, dictionaryOf, encodeSource, featureFamilies, figure, randomOrthogonal, type CodeTable,
} from '../src/index.ts';
import { multiply } from '../src/matrix.ts';
import { demoActivations, trainTestSae } from './support/demo-activations.ts';

// The machine is shared: generous limits, never tight ones.
const SLOW = 900_000;

// Real data: the demo LM's residual stream (blocks.2) on held-out text, TopK SAEs trained on it.
let data: { activations: Float32Array; rows: number; dIn: number };
let seedOne: SaeWeights;
let seedTwo: SaeWeights;
let narrow: SaeWeights;
const codes = new Map<SaeWeights, CodeTable>();
const codesOf = async (sae: SaeWeights, activations = data.activations) => {
  if (!codes.has(sae)) codes.set(sae, await encodeSource(sae, inMemorySource(activations, data.rows, data.dIn)));
  return codes.get(sae)!;
};

/** The same SAE in a rotated input space: x ↦ xR, so W_dec ↦ W_dec·R, W_enc ↦ Rᵀ·W_enc, b_dec ↦ b_dec·R. */
function rotate(sae: SaeWeights, rotation: Float32Array): SaeWeights {
  const d = sae.cfg.dIn;
  const transposed = new Float32Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) transposed[j * d + i] = rotation[i * d + j]!;
  return {
    ...sae,
    W_dec: multiply(sae.W_dec, sae.cfg.width, d, rotation, d),
    W_enc: multiply(transposed, d, d, sae.W_enc, sae.cfg.width),
    b_dec: multiply(sae.b_dec, 1, d, rotation, d),
  };
}

beforeAll(async () => {
  data = await demoActivations(16384);
  seedOne = await trainTestSae(data.activations, data.rows, data.dIn, 512, 1);
  seedTwo = await trainTestSae(data.activations, data.rows, data.dIn, 512, 2);
  narrow = await trainTestSae(data.activations, data.rows, data.dIn, 128, 3);
}, SLOW);

describe('an SAE against itself', () => {
  it('matches 100% by decoder cosine, AIP and activation correlation', { timeout: SLOW }, async () => {
    const self = dictionaryOf(seedOne);
    const cosine = await compareDecoders(self, self, { nullDraws: 100 });
    expect(figure(cosine.summary, 'sharedShare').value).toBe(1);
    expect(figure(cosine.summary, 'mutualShare').value).toBe(1);
    expect(cosine.summary.approximate).toBe(false);
    const aip = await compareAip(self, self, inMemorySource(data.activations, data.rows, data.dIn), { nullDraws: 20 });
    expect(figure(aip.summary, 'mutualShare').value).toBe(1);
    expect(figure(aip.summary, 'bestAgreement').value).toBe(1);
    const table = await codesOf(seedOne);
    const correlation = await correlateActivations(table, table);
    const live = correlation.matches.filter((edge) => edge.assigned);
    expect(live.length).toBeGreaterThan(0.9 * 512);
    expect(live.every((edge) => edge.featureA === edge.featureB && edge.score > 0.999999)).toBe(true);
  });
});

describe('after a random orthogonal rotation of the input space', () => {
  it('decoder cosine collapses to its rotation null while activation correlation recovers every pair', { timeout: SLOW }, async () => {
    const rotation = randomOrthogonal(data.dIn, 77);
    const rotated = rotate(seedOne, rotation);
    const cosine = await compareDecoders(dictionaryOf(seedOne), dictionaryOf(rotated), { rotationNullDraws: 2 });
    const best = figure(cosine.summary, 'meanBestAB');
    expect(best.value).toBeLessThan(best.null!.mean + 0.05);
    expect(figure(cosine.summary, 'sharedShare').value).toBeLessThan(0.02);

    const rotatedActivations = multiply(data.activations, data.rows, data.dIn, rotation, data.dIn);
    const correlation = await correlateActivations(await codesOf(seedOne), await codesOf(rotated, rotatedActivations), {
      dictionaries: { a: dictionaryOf(seedOne), b: dictionaryOf(rotated) },
    });
    const paired = correlation.matches.filter((edge) => edge.assigned);
    const recovered = paired.filter((edge) => edge.featureA === edge.featureB && edge.score > 0.99);
    expect(recovered.length / paired.length).toBeGreaterThan(0.98);
    // SVCCA is invariant to the rotation: the paired decoder rows are the same rows rotated.
    expect(figure(correlation.summary, 'svcca').value).toBeGreaterThan(0.98);
    expect(figure(correlation.summary, 'rsa').value).toBeGreaterThan(0.98);
  });
});

describe('two seeds of one SAE', () => {
  it('match far above the shuffle null by decoder cosine, AIP and activation correlation (SVCCA, RSA)', { timeout: SLOW }, async () => {
    const [a, b] = [dictionaryOf(seedOne), dictionaryOf(seedTwo)];
    const cosine = await compareDecoders(a, b);
    const assigned = figure(cosine.summary, 'assignedMean');
    expect(assigned.value).toBeGreaterThan(assigned.null!.max + 0.2);
    expect(assigned.pValue).toBeCloseTo(1 / 101, 10);
    // Briefly trained SAEs share few pairs above the published 0.7 cut, but never fewer than chance.
    const shared = figure(cosine.summary, 'sharedShare');
    expect(shared.value).toBeGreaterThanOrEqual(shared.null!.max);
    const best = figure(cosine.summary, 'meanBestAB');
    expect(best.value).toBeGreaterThan(best.null!.mean + 0.15);

    const aip = await compareAip(a, b, inMemorySource(data.activations, data.rows, data.dIn));
    expect(figure(aip.summary, 'assignedMean').value).toBeGreaterThan(figure(aip.summary, 'assignedMean').null!.max);

    const correlation = await correlateActivations(await codesOf(seedOne), await codesOf(seedTwo), { dictionaries: { a, b } });
    for (const name of ['svcca', 'rsa']) {
      const item = figure(correlation.summary, name);
      expect(item.value).toBeGreaterThan(item.null!.max);
      expect(item.pValue).toBeLessThanOrEqual(1 / 101);
    }
    expect(figure(correlation.summary, 'meanBestAB').value).toBeGreaterThan(0.3);
  });
});

describe('feature families across widths', () => {
  it('finds children of narrow features in the wide SAE that fire where their parent fires', { timeout: SLOW }, async () => {
    const { result, families } = await featureFamilies(dictionaryOf(narrow), dictionaryOf(seedOne), await codesOf(narrow), await codesOf(seedOne));
    expect(families.length).toBeGreaterThan(10);
    expect(result.summary.widthA).toBe(128);
    for (const family of families) {
      for (const child of family.children) {
        expect(child.cosine).toBeGreaterThanOrEqual(0.5);
        expect(child.containment).toBeGreaterThanOrEqual(0.5);
        expect(child.containment).toBeLessThanOrEqual(1);
      }
    }
    expect(figure(result.summary, 'meanChildren').value).toBeGreaterThanOrEqual(1);
    // The edges (what a stored comparison keeps) carry each child's containment and co-firing count.
    expect(result.matches).toEqual(families.flatMap(({ parent, children }) => children.map((child) => expect.objectContaining({
      featureA: parent, featureB: child.feature, score: child.cosine, containment: child.containment, coFiring: child.coFiring,
    }))));
  });
});
