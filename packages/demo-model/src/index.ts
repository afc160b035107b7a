import { fileURLToPath } from 'node:url';

/** Absolute path of the demo LM folder (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx). */
export const demoModelDir: string = fileURLToPath(new URL('..', import.meta.url));

/** Readable, stable id of the demo model. */
export const demoModelId = 'demo-lm';
