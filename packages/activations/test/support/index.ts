// Test helpers other packages' tests use too (`@atlas/activations/testing`).
export { writeNpy } from './npy-files.ts';
