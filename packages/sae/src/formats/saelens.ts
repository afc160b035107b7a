import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromFloat32, readSafetensors, writeSafetensors } from '@atlas/safetensors';
import type { Tensor } from '@atlas/safetensors';
import { getArchitecture } from '../architectures/registry.ts';
import { SaeError } from '../sae-error.ts';
import { fromSaeLensConfig, toSaeLensConfig } from './saelens-config.ts';
import { SPARSIFY_WEIGHTS_FILE, isSparsifyConfig, loadSparsify } from './sparsify.ts';
import type { SaeConfig, SaeWeights } from '../types.ts';
import { validateK } from '../validate.ts';
import { floatWeight } from './weight-tensor.ts';

export const CFG_FILE = 'cfg.json';
export const WEIGHTS_FILE = 'sae_weights.safetensors';
export const METRICS_FILE = 'metrics.json';

type WeightName = 'W_enc' | 'b_enc' | 'W_dec' | 'b_dec' | 'threshold';

/** The tensors of an SAE of this architecture (its `extraWeights`: jumprelu and batchtopk add `threshold`, [width]). */
function expectedShapes(cfg: SaeConfig): Partial<Record<WeightName, number[]>> {
  const { dIn, width } = cfg;
  const shapes: Partial<Record<WeightName, number[]>> = { W_enc: [dIn, width], b_enc: [width], W_dec: [width, dIn], b_dec: [dIn] };
  for (const name of getArchitecture(cfg.architecture).extraWeights) shapes[name] = [width];
  return shapes;
}

/** SAELens's name for each weight dtype (cfg.json `dtype`). */
const SAELENS_DTYPES = { F32: 'float32', F16: 'float16', BF16: 'bfloat16' } as const;

/**
 * Writes an SAE in SAELens's folder format: cfg.json (v6 keys), sae_weights.safetensors
 * (W_enc, b_enc, W_dec, b_dec, and threshold where the architecture has one; F32 unless `dtype`
 * says F16 or BF16, rounded to nearest even) and, when given, metrics.json.
 */
export async function saveSaeLens(
  dir: string,
  sae: SaeWeights,
  metrics?: object,
  { dtype = 'F32' }: { dtype?: 'F32' | 'F16' | 'BF16' } = {},
): Promise<void> {
  const shapes = expectedShapes(sae.cfg);
  const tensors: Record<string, Tensor> = {};
  for (const name of Object.keys(shapes) as WeightName[]) {
    const shape = shapes[name]!;
    const data = sae[name];
    if (!data) throw new SaeError(`Cannot save: a ${sae.cfg.architecture} SAE needs ${name}.`);
    if (data.length !== shape.reduce((a, b) => a * b, 1)) {
      throw new SaeError(`Cannot save: ${name} has ${data.length} values, expected shape [${shape.join(', ')}].`);
    }
    tensors[name] = dtype === 'F32' ? { dtype, shape, data } : { dtype, shape, data: fromFloat32(data, dtype) };
  }
  await mkdir(dir, { recursive: true });
  await writeSafetensors(join(dir, WEIGHTS_FILE), tensors, { format: 'pt' });
  await writeJsonAtomic(join(dir, CFG_FILE), { ...toSaeLensConfig(sae.cfg), dtype: SAELENS_DTYPES[dtype] });
  if (metrics) await writeJsonAtomic(join(dir, METRICS_FILE), metrics);
}

/**
 * Loads an SAE folder, detecting its format from cfg.json: one saved by `saveSaeLens` or by
 * SAELens (v6 or pre-6.0 configs), or an EleutherAI sparsify checkpoint (`sparsify.ts`). Every
 * weight's presence and shape is checked against the config. F16/BF16 weights are decoded to float32.
 */
export async function loadSae(dir: string): Promise<SaeWeights> {
  const cfgPath = join(dir, CFG_FILE);
  const weightsPath = join(dir, WEIGHTS_FILE);
  const cfgText = await readFile(cfgPath, 'utf8').catch(async (error: NodeJS.ErrnoException) => {
    throw new SaeError(error.code === 'ENOENT' ? await missingConfigMessage(dir) : `Cannot read ${cfgPath}: ${error.message}`);
  });
  let json: unknown;
  try {
    json = JSON.parse(cfgText);
  } catch (error) {
    throw new SaeError(`${cfgPath}: not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (isSparsifyConfig(json)) return loadSparsify(dir, json, cfgPath);
  const { cfg, applyBDecToInput, rescaleByDecoderNorm } = fromSaeLensConfig(json, cfgPath);
  validateK(cfg.k, cfg.width);
  const { tensors } = await readSafetensors(weightsPath).catch((error: Error) => {
    throw new SaeError(
      /ENOENT/.test(error.message) ? `SAE folder ${dir} has no ${WEIGHTS_FILE}.` : error.message,
    );
  });
  const shapes = expectedShapes(cfg);
  const expectation = `cfg.json (d_in ${cfg.dIn}, d_sae ${cfg.width})`;
  const weights = {} as Record<WeightName, Float32Array>;
  for (const name of Object.keys(shapes) as WeightName[]) {
    weights[name] = floatWeight(tensors, name, shapes[name]!, weightsPath, expectation);
  }
  if (!applyBDecToInput) foldInputBias(weights, cfg.dIn, cfg.width);
  if (rescaleByDecoderNorm) foldDecoderNorms(weights, cfg.dIn, cfg.width);
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

/** Says what is missing; when `dir` holds SAE folders (sparsify saves one per hookpoint), names them. */
async function missingConfigMessage(dir: string): Promise<string> {
  const expected =
    `expected ${CFG_FILE} and ${WEIGHTS_FILE} from SAELens, or ${CFG_FILE} and ${SPARSIFY_WEIGHTS_FILE} from sparsify`;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const folders: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && (await stat(join(dir, entry.name, CFG_FILE)).catch(() => null))) folders.push(entry.name);
  }
  if (folders.length === 0) return `SAE folder ${dir} has no ${CFG_FILE} (${expected}).`;
  folders.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return `SAE folder ${dir} has no ${CFG_FILE} but holds SAE folders ${folders.join(', ')}; pass one of them, e.g. ${join(dir, folders[0]!)}.`;
}

/**
 * SAELens' `rescale_acts_by_decoder_norm` (TopK): z = TopK(ReLU(pre·n_j)), x̂ = Σ (z_j / n_j)·W_dec[j]
 * with n_j = ‖W_dec[j]‖. The same SAE without rescaling: W_enc[:, j]·n_j, b_enc[j]·n_j and
 * W_dec[j] / n_j (unit rows), so the codes are unchanged.
 */
function foldDecoderNorms(weights: Record<WeightName, Float32Array>, dIn: number, width: number): void {
  const W_enc = Float32Array.from(weights.W_enc);
  const b_enc = Float32Array.from(weights.b_enc);
  const W_dec = Float32Array.from(weights.W_dec);
  for (let j = 0; j < width; j++) {
    let squares = 0;
    for (let d = 0; d < dIn; d++) squares += W_dec[j * dIn + d]! ** 2;
    const norm = Math.sqrt(squares);
    // A zero row gets pre-activation 0, as SAELens' pre·0: it never fires.
    b_enc[j] = b_enc[j]! * norm;
    for (let d = 0; d < dIn; d++) W_enc[d * width + j] = W_enc[d * width + j]! * norm;
    if (norm > 0) for (let d = 0; d < dIn; d++) W_dec[j * dIn + d] = W_dec[j * dIn + d]! / norm;
  }
  Object.assign(weights, { W_enc, b_enc, W_dec });
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
