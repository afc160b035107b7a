/** Raised for a model folder that cannot be loaded, an unsupported graph, or a bad `run` request. */
export class ModelError extends Error {
  override readonly name = 'ModelError';
}
