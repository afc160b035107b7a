/**
 * Memory of an external-data model: writes a tiny-LLaMA-shaped model with `layers` blocks of
 * width `dModel` (5 × 1024 ≈ 300 MB of fp32 weights in `onnx/model.onnx_data`) to a temporary
 * folder, loads it, opens the four session kinds (hooks + logits, splice prefix and suffix,
 * steering) and prints RSS, onnxruntime's share (anonymous memory) and what JS holds after each;
 * the folder is deleted at the end.
 *
 *   node --expose-gc --import tsx packages/model/bench/external-data-rss.ts [layers=5] [dModel=1024]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLanguageModel } from '../src/index.ts';
import { writeTinyLlama } from '../test/support/tiny-llama.ts';

const [layers = 5, dModel = 1024] = process.argv.slice(2).map(Number);
const writeTo = process.env.ATLAS_RSS_WRITE;

function report(label: string): void {
  const status = readFileSync('/proc/self/status', 'utf8');
  const mb = (key: string) => (Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024).toFixed(0).padStart(5);
  const js = process.memoryUsage();
  const jsMb = (bytes: number) => (bytes / 2 ** 20).toFixed(0).padStart(4);
  console.log(`${label.padEnd(32)} RSS ${mb('VmRSS')} MB (anon ${mb('RssAnon')}), peak ${mb('VmHWM')}; JS array buffers ${jsMb(js.arrayBuffers)}, heap ${jsMb(js.heapUsed)}`);
}

if (writeTo) {
  writeTinyLlama({ externalData: true, layerCount: layers, dModel, dMlp: 4 * dModel, headCount: 16, kvHeadCount: 4 }, writeTo);
  process.exit(0);
}
// The weights are generated in a child process, so none of them is in this one's memory.
const dir = mkdtempSync(join(tmpdir(), 'external-data-rss-'));
const onnxPath = join(dir, 'onnx', 'model.onnx');
try {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), String(layers), String(dModel)], {
    env: { ...process.env, ATLAS_RSS_WRITE: dir },
    stdio: 'inherit',
  });
  if (child.status !== 0) throw new Error(`writing the model into ${dir} failed (exit ${child.status})`);
  const dataMb = statSync(`${onnxPath}_data`).size / 2 ** 20;
  console.log(`model.onnx ${(statSync(onnxPath).size / 1024).toFixed(0)} kB, model.onnx_data ${dataMb.toFixed(0)} MB`);
  (globalThis as { gc?: () => void }).gc?.();
  report('before load');
  const model = await loadLanguageModel(dir, { threads: 1 });
  report('loaded');
  const ids = [[5, 17, 260, 99, 3, 42, 7, 256]];
  const hook = `blocks.${Math.floor(layers / 2)}.hook_resid_post`;
  await model.run({ inputIds: ids, hooks: [hook], logits: true });
  report('run (hook + logits)');
  await model.runSpliced({ inputIds: ids, hook, replace: (a: Float32Array) => a, logits: true });
  report('runSpliced (prefix + suffix)');
  await model.generate('The cat', { maxNewTokens: 3, steering: [{ hook, direction: new Float32Array(dModel).fill(0.01), strength: 1 }] });
  (globalThis as { gc?: () => void }).gc?.();
  report(`generate steered (${model.sessionCount} sessions)`);
  await model.dispose();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
