import { describe, expect, it } from 'vitest';
import { allArchitectures, getArchitecture, isArchitecture } from '../../src/architectures/registry.ts';
import { fromSaeLensConfig, toSaeLensConfig } from '../../src/formats/saelens-config.ts';
import { ARCHITECTURE_NAMES, createEncoder, SUPPORTED_ARCHITECTURES } from '../../src/index.ts';
import type { SaeConfig, SaeWeights } from '../../src/index.ts';
import { planTraining } from '../../src/training/plan.ts';
import { randomArray, randomSae } from '../helpers/fixtures.ts';

const [dIn, width, k] = [8, 32, 5];

/** A config as training would make it for `name`, with the architecture's own keys (mp's residual threshold). */
function configOf(name: SaeConfig['architecture']): SaeConfig {
  const architecture = getArchitecture(name);
  const { settings } = architecture.plan({ dIn, width, k }, k);
  return { ...randomSae(dIn, width, k, 1).cfg, architecture: name, ...architecture.config?.(settings) };
}

describe('the architecture registry', () => {
  it('lists every architecture in order under one name, and refuses unknown ones with the list', () => {
    expect(ARCHITECTURE_NAMES.slice(0, 6)).toEqual(['topk', 'batchtopk', 'relu', 'jumprelu', 'gba', 'mp']);
    expect(new Set(ARCHITECTURE_NAMES).size).toBe(ARCHITECTURE_NAMES.length);
    expect(SUPPORTED_ARCHITECTURES).toBe(ARCHITECTURE_NAMES);
    expect(allArchitectures().map((architecture) => architecture.name)).toEqual(ARCHITECTURE_NAMES);
    expect(ARCHITECTURE_NAMES.every(isArchitecture)).toBe(true);
    expect(isArchitecture('gated')).toBe(false);
    expect(() => getArchitecture('gated')).toThrow(`Unsupported SAE architecture "gated"; supported: ${ARCHITECTURE_NAMES.join(', ')}.`);
  });

  it.each(ARCHITECTURE_NAMES)('%s: training asks for k exactly when the architecture needs it', (name) => {
    const options = { activations: randomArray(16 * dIn, 2), rows: 16, dIn, width, architecture: name, steps: 1 };
    if (getArchitecture(name).needsK) expect(() => planTraining(options)).toThrow(`architecture ${name} needs k.`);
    else expect(planTraining(options).k).toBe(Math.min(width, 256));
  });

  it.each(ARCHITECTURE_NAMES)('%s: its SAELens cfg.json reads back as the same config', (name) => {
    const cfg = configOf(name);
    const json = JSON.parse(JSON.stringify(toSaeLensConfig(cfg)));
    expect(json.architecture).toBe(getArchitecture(name).saeLens.architecture);
    expect(fromSaeLensConfig(json, 'cfg.json').cfg).toEqual(cfg);
  });

  it('marks only architectures that share their SAELens architecture with a plain reading of it', () => {
    for (const architecture of allArchitectures().filter((a) => a.saeLens.marked)) {
      const plain = allArchitectures().filter((a) => !a.saeLens.marked && a.saeLens.architecture === architecture.saeLens.architecture);
      expect(plain.length, architecture.name).toBe(1);
    }
  });

  it.each(ARCHITECTURE_NAMES)('%s: the inference encoder returns rows × slots codes from its weights', async (name) => {
    const architecture = getArchitecture(name);
    const sae: SaeWeights = { ...randomSae(dIn, width, k, 3), cfg: configOf(name) };
    for (const weight of architecture.extraWeights) sae[weight] = randomArray(width, 4).map(Math.abs);
    const encoder = await createEncoder(sae);
    const codes = await encoder.encode(randomArray(10 * dIn, 5), 10);
    await encoder.close();
    expect(encoder.slots).toBe(k);
    expect(codes.values.length).toBe(10 * k);
    expect(codes.values.every((v) => v >= 0)).toBe(true);
    expect(codes.values.some((v) => v > 0)).toBe(true);
    expect(codes.indices.every((j) => j >= 0 && j < width)).toBe(true);
  });
});
