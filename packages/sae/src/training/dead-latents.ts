import type { SparseCodes } from '../types.ts';

/**
 * Tracks when each latent last fired. A latent is dead when it has not fired in the last
 * `window` tokens (or, before that many tokens were seen, not at all so far).
 */
export class DeadLatentTracker {
  private readonly lastFired: Float64Array;
  private tokens = 0;

  constructor(width: number, private readonly window: number) {
    this.lastFired = new Float64Array(width);
  }

  record(codes: SparseCodes, rows: number): void {
    this.tokens += rows;
    const { values, indices } = codes;
    for (let i = 0; i < values.length; i++) {
      if (values[i]! > 0) this.lastFired[indices[i]!] = this.tokens;
    }
  }

  /**
   * Marks (1) latents that have not fired in the last `window` tokens; unlike `deadFraction`,
   * none is dead before `window` tokens were seen (the auxiliary-k loss waits that long, as
   * SAELens' dead_feature_window does). Returns the number marked.
   */
  deadMask(out: Uint8Array): number {
    let dead = 0;
    for (let j = 0; j < this.lastFired.length; j++) {
      const isDead = this.tokens >= this.window && this.tokens - this.lastFired[j]! >= this.window ? 1 : 0;
      out[j] = isDead;
      dead += isDead;
    }
    return dead;
  }

  /** Tokens seen and, per latent, the token count when it last fired (for checkpoints). */
  snapshot(): { tokens: number; lastFired: Float64Array } {
    return { tokens: this.tokens, lastFired: this.lastFired };
  }

  restore(tokens: number, lastFired: ArrayLike<number>): void {
    this.tokens = tokens;
    this.lastFired.set(lastFired);
  }

  deadFraction(): number {
    const window = Math.min(this.window, this.tokens);
    let dead = 0;
    for (let j = 0; j < this.lastFired.length; j++) {
      if (this.tokens - this.lastFired[j]! >= window) dead++;
    }
    return dead / this.lastFired.length;
  }
}
