// @atlas/random: the one seeded PRNG of the atlas (SAE init and shuffling, UMAP layouts, token
// sampling) and the draws made from it. Outputs are part of what tests and checkpoints pin down.
export { mulberry32 } from './mulberry32.ts';
export { gaussian } from './gaussian.ts';
export { permutation } from './permutation.ts';
