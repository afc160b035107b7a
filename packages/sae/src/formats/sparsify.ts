import { basename, join } from 'node:path';
import { readSafetensors } from '@atlas/safetensors';
import { SaeError } from '../sae-error.ts';
import type { SaeWeights } from '../types.ts';
import { validateK } from '../validate.ts';
import { floatWeight } from './weight-tensor.ts';

/** The weights file of an EleutherAI sparsify checkpoint folder (beside its `cfg.json`). */
export const SPARSIFY_WEIGHTS_FILE = 'sae.safetensors';

/**
 * A sparsify `cfg.json` (its `SparseCoderConfig` plus `d_in`) rather than a SAELens one: it has
 * sparsify's own keys and none of SAELens's `d_sae` / `architecture`.
 */
export function isSparsifyConfig(json: unknown): json is Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const keys = Object.keys(json);
  return ('expansion_factor' in json || 'num_latents' in json) && !keys.includes('d_sae') && !keys.includes('architecture');
}

/**
 * Loads a sparsify TopK SAE: `encoder.weight` [n, d], `encoder.bias` [n], `W_dec` [n, d], `b_dec`
 * [d]. Its encoder computes TopK(ReLU(W·(x − b_dec) + b)), the same as our topk encoder once
 * `encoder.weight` is transposed to W_enc [d, n]. The hook name is the folder's name (sparsify
 * names each SAE's folder after its hookpoint).
 */
export async function loadSparsify(dir: string, cfg: Record<string, unknown>, cfgPath: string): Promise<SaeWeights> {
  const fail = (problem: string): never => {
    throw new SaeError(`${cfgPath}: ${problem}`);
  };
  const activation = cfg.activation ?? 'topk';
  if (activation !== 'topk') fail(`sparsify activation "${String(activation)}" is not supported; supported: topk`);
  if (cfg.transcode === true) fail('a sparsify transcoder (transcode: true) predicts another hook; only autoencoders are supported');
  if (cfg.skip_connection === true) fail('sparsify skip connections (skip_connection: true, W_skip) are not supported');
  const k = cfg.k;
  if (typeof k !== 'number' || !Number.isSafeInteger(k) || k < 1) fail(`"k" must be a positive integer, got ${JSON.stringify(k)}`);

  const weightsPath = join(dir, SPARSIFY_WEIGHTS_FILE);
  const { tensors } = await readSafetensors(weightsPath).catch((error: Error) => {
    throw new SaeError(/ENOENT/.test(error.message) ? `sparsify folder ${dir} has no ${SPARSIFY_WEIGHTS_FILE}.` : error.message);
  });
  const encoder = tensors['encoder.weight'];
  if (!encoder || encoder.shape.length !== 2) {
    throw new SaeError(`${weightsPath}: needs a 2-D tensor encoder.weight [num_latents, d_in]; it holds [${Object.keys(tensors).join(', ')}].`);
  }
  const [width, dIn] = encoder.shape as [number, number];
  if (cfg.d_in !== undefined && cfg.d_in !== dIn) fail(`d_in is ${JSON.stringify(cfg.d_in)} but encoder.weight in ${weightsPath} has d_in ${dIn}`);
  validateK(k as number, width);
  const expectation = `encoder.weight [${width}, ${dIn}]`;
  const encoderWeight = floatWeight(tensors, 'encoder.weight', [width, dIn], weightsPath, expectation);
  const W_enc = new Float32Array(dIn * width);
  for (let j = 0; j < width; j++) {
    for (let d = 0; d < dIn; d++) W_enc[d * width + j] = encoderWeight[j * dIn + d]!;
  }
  return {
    cfg: {
      architecture: 'topk', dIn, width, k: k as number, hookName: basename(dir), modelId: 'unknown',
      dtype: 'float32', normalizeActivations: 'none',
    },
    W_enc,
    b_enc: floatWeight(tensors, 'encoder.bias', [width], weightsPath, expectation),
    W_dec: floatWeight(tensors, 'W_dec', [width, dIn], weightsPath, expectation),
    b_dec: floatWeight(tensors, 'b_dec', [dIn], weightsPath, expectation),
  };
}
