import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readSafetensors, toFloat32, writeSafetensors } from '@atlas/safetensors';
import type { Tensor } from '@atlas/safetensors';
import { SaeError } from './sae-error.ts';
import { fromSaeLensConfig, toSaeLensConfig } from './saelens-config.ts';
import type { SaeConfig, SaeWeights } from './types.ts';
import { validateK } from './validate.ts';

export const CFG_FILE = 'cfg.json';
export const WEIGHTS_FILE = 'sae_weights.safetensors';
export const METRICS_FILE = 'metrics.json';

type WeightName = 'W_enc' | 'b_enc' | 'W_dec' | 'b_dec' | 'threshold';

/** The tensors of an SAE of this architecture (jumprelu and batchtopk add `threshold`). */
function expectedShapes(cfg: SaeConfig): Partial<Record<WeightName, number[]>> {
  const { dIn, width } = cfg;
  const shapes: Partial<Record<WeightName, number[]>> = { W_enc: [dIn, width], b_enc: [width], W_dec: [width, dIn], b_dec: [dIn] };
  if (cfg.architecture === 'jumprelu' || cfg.architecture === 'batchtopk') shapes.threshold = [width];
  return shapes;
}

/**
 * Writes an SAE in SAELens's folder format: cfg.json (v6 keys), sae_weights.safetensors
 * (W_enc, b_enc, W_dec, b_dec as F32) and, when given, metrics.json.
 */
export async function saveSaeLens(dir: string, sae: SaeWeights, metrics?: object): Promise<void> {
  const shapes = expectedShapes(sae.cfg);
  const tensors: Record<string, Tensor> = {};
  for (const name of Object.keys(shapes) as WeightName[]) {
    const shape = shapes[name]!;
    const data = sae[name];
    if (!data) throw new SaeError(`Cannot save: a ${sae.cfg.architecture} SAE needs ${name}.`);
    if (data.length !== shape.reduce((a, b) => a * b, 1)) {
      throw new SaeError(`Cannot save: ${name} has ${data.length} values, expected shape [${shape.join(', ')}].`);
    }
    tensors[name] = { dtype: 'F32', shape, data };
  }
  await mkdir(dir, { recursive: true });
  await writeSafetensors(join(dir, WEIGHTS_FILE), tensors, { format: 'pt' });
  await writeJsonAtomic(join(dir, CFG_FILE), toSaeLensConfig(sae.cfg));
  if (metrics) await writeJsonAtomic(join(dir, METRICS_FILE), metrics);
}

/**
 * Loads an SAE saved by `saveSaeLens` or by SAELens (v6 or pre-6.0 configs), checking every
 * weight's presence and shape against cfg.json. F16/BF16 weights are decoded to float32.
 */
export async function loadSae(dir: string): Promise<SaeWeights> {
  const cfgPath = join(dir, CFG_FILE);
  const weightsPath = join(dir, WEIGHTS_FILE);
  const cfgText = await readFile(cfgPath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new SaeError(
      error.code === 'ENOENT'
        ? `SAE folder ${dir} has no ${CFG_FILE} (expected ${CFG_FILE} and ${WEIGHTS_FILE}).`
        : `Cannot read ${cfgPath}: ${error.message}`,
    );
  });
  let json: unknown;
  try {
    json = JSON.parse(cfgText);
  } catch (error) {
    throw new SaeError(`${cfgPath}: not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  const { cfg, applyBDecToInput } = fromSaeLensConfig(json, cfgPath);
  validateK(cfg.k, cfg.width);
  const { tensors } = await readSafetensors(weightsPath).catch((error: Error) => {
    throw new SaeError(
      /ENOENT/.test(error.message) ? `SAE folder ${dir} has no ${WEIGHTS_FILE}.` : error.message,
    );
  });
  const shapes = expectedShapes(cfg);
  const weights = {} as Record<WeightName, Float32Array>;
  for (const name of Object.keys(shapes) as WeightName[]) {
    const tensor = tensors[name];
    const expected = shapes[name]!;
    if (!tensor) {
      throw new SaeError(`${weightsPath}: missing tensor ${name}; it holds [${Object.keys(tensors).join(', ')}].`);
    }
    if (tensor.shape.length !== expected.length || tensor.shape.some((d, i) => d !== expected[i])) {
      throw new SaeError(
        `${weightsPath}: ${name} has shape [${tensor.shape.join(', ')}] but cfg.json (d_in ${cfg.dIn}, ` +
          `d_sae ${cfg.width}) expects [${expected.join(', ')}].`,
      );
    }
    if (tensor.dtype === 'I32' || tensor.dtype === 'I64') {
      throw new SaeError(`${weightsPath}: ${name} is ${tensor.dtype}; SAE weights must be F32, F16 or BF16.`);
    }
    weights[name] = toFloat32(tensor);
  }
  if (!applyBDecToInput) foldInputBias(weights, cfg.dIn, cfg.width);
  return { cfg, ...weights };
}

/**
 * An SAE that does not subtract b_dec from its input computes x·W_enc + b_enc; this encoder
 * always subtracts it, so b_enc absorbs b_dec·W_enc to give the same pre-activations.
 */
function foldInputBias(weights: Record<WeightName, Float32Array>, dIn: number, width: number): void {
  const b_enc = Float32Array.from(weights.b_enc);
  for (let d = 0; d < dIn; d++) {
    const bias = weights.b_dec[d]!;
    for (let j = 0; j < width; j++) b_enc[j] = b_enc[j]! + bias * weights.W_enc[d * width + j]!;
  }
  weights.b_enc = b_enc;
}

async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
