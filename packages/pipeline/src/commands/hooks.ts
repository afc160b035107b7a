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
  requireDirectory(options.model, 'Model folder', 'Pass --model with a Hugging Face ONNX folder (config.json, tokenizer.json, onnx/model.onnx or onnx/decoder_model.onnx).');
  const model = await loadLanguageModel(options.model);
  try {
    const heads = model.headCount ? `, ${model.headCount} heads${model.headDim ? ` × d_head ${model.headDim}` : ''}` : '';
    const cache = model.hasKvCache ? ', KV cache' : '';
    console.log(`${options.model}: ${model.layerCount} blocks, d_model ${model.dModel}${heads}, context ${model.contextLength}, vocabulary ${model.vocabSize}${cache}`);
    console.log(formatHookTable(model.hookPoints, model.absentHooks));
  } finally {
    await model.dispose();
  }
}
