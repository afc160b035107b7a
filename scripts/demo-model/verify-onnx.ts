/**
 * Checks packages/demo-model/onnx/model.onnx with onnxruntime-node against the PyTorch logits written by
 * export-onnx.py (work/check-*.{json,bin}), and lists the residual-stream node names in the graph.
 *
 *   npx tsx scripts/demo-model/verify-onnx.ts
 *   npx tsx scripts/demo-model/verify-onnx.ts b packages/demo-model/b   # a second run (train.py --run b) and its folder
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';

const [run = '', folder = 'packages/demo-model'] = process.argv.slice(2);
const work = path.join(fileURLToPath(new URL('.', import.meta.url)), 'work', run);
const modelDir = path.resolve(fileURLToPath(new URL('../..', import.meta.url)), folder);
const modelPath = path.join(modelDir, 'onnx/model.onnx');
const config = JSON.parse(readFileSync(path.join(modelDir, 'config.json'), 'utf8')) as {
  n_layer: number;
  vocab_size: number;
  feature_atlas: { hook_scope: string };
};

// Graph structure: exactly two Adds directly in each block's scope; the last is hook_resid_post.
const bytes = readFileSync(modelPath);
const graph = onnxProto.onnx.ModelProto.decode(bytes).graph!;
const nodeNames = (graph.node ?? []).map((n) => n.name ?? '');
const initializers = (graph.initializer ?? []).map((t) => t.name);
let ok = true;
for (let layer = 0; layer < config.n_layer; layer++) {
  const scope = config.feature_atlas.hook_scope.replace('{layer}', String(layer));
  const adds = nodeNames.filter((name) => name.startsWith(scope) && /^Add(_\d+)?$/.test(name.slice(scope.length)));
  console.log(`blocks.${layer}: ${adds.join(', ')} → blocks.${layer}.hook_resid_post = ${adds.at(-1)}`);
  if (adds.length !== 2) ok = false;
}
const wte = initializers.filter((name) => name?.includes('wte'));
console.log(`initializers holding wte: ${wte.join(', ')}; LayerNormalization nodes: ${(graph.node ?? []).filter((n) => n.opType === 'LayerNormalization').length}`);
if (wte.length !== 1) ok = false;

// Logits against PyTorch.
const check = JSON.parse(readFileSync(path.join(work, 'check-inputs.json'), 'utf8')) as {
  batch: number;
  sequence: number;
  input_ids: number[];
  attention_mask: number[];
};
const expectedBytes = readFileSync(path.join(work, 'check-logits.bin'));
const expected = new Float32Array(expectedBytes.buffer, expectedBytes.byteOffset, expectedBytes.byteLength / 4);
const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 2 });
console.log(`inputs ${JSON.stringify(session.inputNames)} outputs ${JSON.stringify(session.outputNames)}`);
const dims = [check.batch, check.sequence];
const feeds = {
  input_ids: new ort.Tensor('int64', BigInt64Array.from(check.input_ids, BigInt), dims),
  attention_mask: new ort.Tensor('int64', BigInt64Array.from(check.attention_mask, BigInt), dims),
};
const start = performance.now();
const { logits } = await session.run(feeds);
const ms = performance.now() - start;
const actual = logits!.data as Float32Array;
let maxDiff = 0;
let sameArgmax = 0;
const V = config.vocab_size;
for (let row = 0; row < check.batch * check.sequence; row++) {
  let argA = 0;
  let argE = 0;
  for (let v = 0; v < V; v++) {
    const i = row * V + v;
    maxDiff = Math.max(maxDiff, Math.abs(actual[i]! - expected[i]!));
    if (actual[i]! > actual[row * V + argA]!) argA = v;
    if (expected[i]! > expected[row * V + argE]!) argE = v;
  }
  if (argA === argE) sameArgmax++;
}
console.log(
  `logits ${JSON.stringify(logits!.dims)}: max |onnx - torch| = ${maxDiff.toExponential(2)}, ` +
    `same argmax ${sameArgmax}/${check.batch * check.sequence}, run ${ms.toFixed(0)} ms`,
);
if (!(maxDiff < 1e-3)) ok = false;
console.log(ok ? 'OK' : 'FAILED');
process.exit(ok ? 0 : 1);
