import { fileURLToPath } from 'node:url';

/** Absolute path of the demo LM folder (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx). */
export const demoModelDir: string = fileURLToPath(new URL('..', import.meta.url));

/** Readable, stable id of the demo model. */
export const demoModelId = 'demo-lm';

/** The second demo LM (issue 12): same tokenizer and corpus, another size (d_model 192) and seed; for cross-model comparisons. */
export const demoModelBDir: string = fileURLToPath(new URL('../b', import.meta.url));

export const demoModelBId = 'demo-lm-b';
