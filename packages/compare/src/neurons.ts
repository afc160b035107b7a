import { readFileSync } from 'node:fs';
import { DataType, decodeModel } from '@atlas/onnx';
import { CompareError } from './compare-error.ts';
import type { Dictionary } from './dictionary.ts';

/** Output projections of a layer's MLP, by the names GPT-2-style and LLaMA-style exports give them. */
const projectionName = (layer: number) => new RegExp(`(^|\\.)(blocks|h|layers)\\.${layer}\\.mlp\\.(c_proj|down_proj|fc_out)\\.weight$`);

/**
 * The neurons of one MLP layer as a dictionary — the basis the SAE features are contrasted with:
 * neuron j's atom is its output direction (column j of the output projection), in the space of
 * `blocks.L.hook_mlp_out`. `compareDecoders(saeOnMlpOut, neurons)` then says how far the SAE's
 * features are from single neurons. Reads an fp32 initializer stored inside the .onnx file.
 */
export function neuronDictionary(onnxPath: string, layer: number, dModel: number, modelId: string): Dictionary {
  const graph = decodeModel(readFileSync(onnxPath));
  const pattern = projectionName(layer);
  const tensor = (graph.graph?.initializer ?? []).find((t) => pattern.test(t.name ?? ''));
  if (!tensor) throw new CompareError(`${onnxPath} has no MLP output projection for layer ${layer} (looked for ${pattern.source}).`);
  const dims = (tensor.dims ?? []).map(Number);
  const raw = tensor.rawData;
  if (dims.length !== 2 || !dims.includes(dModel) || tensor.dataType !== DataType.FLOAT || !raw?.length) {
    throw new CompareError(`${tensor.name} [${dims.join(', ')}] is not an fp32 [d_model, neurons] matrix stored in the graph; the neuron basis reads only those.`);
  }
  const data = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength) as ArrayBuffer);
  // torch Linear stores [out = d_model, in = neurons]: neuron j is column j. A Conv1D-style [neurons, d_model] is already rows.
  const neurons = dims[0] === dModel ? dims[1]! : dims[0]!;
  const W_dec = dims[0] === dModel ? new Float32Array(neurons * dModel) : data;
  if (dims[0] === dModel) for (let d = 0; d < dModel; d++) for (let j = 0; j < neurons; j++) W_dec[j * dModel + d] = data[d * neurons + j]!;
  return { id: `${modelId}/blocks.${layer}.mlp neurons`, W_dec, width: neurons, dIn: dModel, modelId, hookName: `blocks.${layer}.hook_mlp_out` };
}
