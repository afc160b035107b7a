// @atlas/select/testing: helpers other packages' tests share (never runtime code).
export { MODEL_ID, registerSae, trainSmallSae } from './sae-atlas.ts';
export { CONGRESS, SEA } from './texts.ts';
export { trigramEmbedder } from './trigram-embedder.ts';
