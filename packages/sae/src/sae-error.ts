/** Raised for invalid training options, inconsistent weights and unreadable SAE folders. */
export class SaeError extends Error {
  override readonly name = 'SaeError';
}
