/**
 * Greedy samples from the exported ONNX model (onnxruntime-node) with the committed tokenizer
 * (@huggingface/transformers, offline). Writes work/samples.json.
 *
 *   npx tsx scripts/demo-model/generate-samples.ts [maxNewTokens]
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, env } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';

const here = fileURLToPath(new URL('.', import.meta.url));
env.allowRemoteModels = false;
env.localModelPath = fileURLToPath(new URL('../../packages/', import.meta.url));
const tokenizer = await AutoTokenizer.from_pretrained('demo-model', { local_files_only: true });
const session = await ort.InferenceSession.create(
  fileURLToPath(new URL('../../packages/demo-model/onnx/model.onnx', import.meta.url)),
  { intraOpNumThreads: 2 },
);

const prompts = [
  'Fellow-Citizens of the Senate and House of Representatives:',
  'Call me Ishmael.',
  'harpoon:',
  'The economy of the United States',
];
const maxNew = Number(process.argv[2] ?? 40);
const context = 128;
const eos = tokenizer.encode('<|endoftext|>')[0]!;

async function greedy(prompt: string): Promise<string> {
  const ids = tokenizer.encode(prompt);
  for (let i = 0; i < maxNew; i++) {
    const window = ids.slice(-context);
    const dims = [1, window.length];
    const { logits } = await session.run({
      input_ids: new ort.Tensor('int64', BigInt64Array.from(window, BigInt), dims),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(window.length).fill(1n), dims),
    });
    const data = logits!.data as Float32Array;
    const V = data.length / window.length;
    let best = 0;
    for (let v = 1; v < V; v++) if (data[(window.length - 1) * V + v]! > data[(window.length - 1) * V + best]!) best = v;
    if (best === eos) break;
    ids.push(best);
  }
  return tokenizer.decode(ids);
}

const samples = [];
for (const prompt of prompts) {
  const text = await greedy(prompt);
  samples.push({ prompt, text });
  console.log(`--- ${JSON.stringify(prompt)}\n${text}\n`);
}
writeFileSync(`${here}work/samples.json`, JSON.stringify(samples, null, 2) + '\n');
