import { defineCommand } from '../define-command.ts';
import { requireModelFolder } from '../require-paths.ts';
import { modelFolder } from '../shared-flags.ts';

/** `atlas hooks --model DIR`: every hook point the model offers, with its shape and graph tensor. */
export const hooksCommand = defineCommand({
  name: 'hooks',
  description: 'List the hook points a model offers, with their shapes.',
  flags: { model: modelFolder },
  async run(options) {
    requireModelFolder(options.model);
    const { formatHookTable, loadLanguageModel } = await import('@atlas/model');
    const model = await loadLanguageModel(options.model);
    try {
      const heads = model.headCount ? `, ${model.headCount} heads${model.headDim ? ` × d_head ${model.headDim}` : ''}` : '';
      const cache = model.hasKvCache ? ', KV cache' : '';
      console.log(`${options.model}: ${model.layerCount} blocks, d_model ${model.dModel}${heads}, context ${model.contextLength}, vocabulary ${model.vocabSize}${cache}`);
      console.log(formatHookTable(model.hookPoints, model.absentHooks));
    } finally {
      await model.dispose();
    }
  },
});
