import { formatHookTable, loadLanguageModel } from '@atlas/model';
import { z } from 'zod';
import { requireDirectory } from '../files.ts';
import { parseOptions } from '../options.ts';

const hooksOptions = z.object({
  model: z.string({ error: '--model DIR is required (a Hugging Face ONNX folder, e.g. packages/demo-model)' }),
});

/** `atlas hooks --model DIR`: every hook point the model offers, with its shape and graph tensor. */
export async function runHooks(raw: Record<string, unknown>): Promise<void> {
  const options = parseOptions(hooksOptions, raw);
  requireDirectory(options.model, 'Model folder', 'Pass --model with a Hugging Face ONNX folder (config.json, tokenizer.json, onnx/model.onnx).');
  const model = await loadLanguageModel(options.model);
  try {
    console.log(`${options.model}: ${model.layerCount} blocks, d_model ${model.dModel}, context ${model.contextLength}, vocabulary ${model.vocabSize}`);
    console.log(formatHookTable(model.hookPoints));
  } finally {
    await model.dispose();
  }
}
