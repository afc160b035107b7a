import { SaeError } from '../sae-error.ts';

export interface LrSchedule {
  lr: number;
  totalSteps: number;
  warmupSteps: number;
  decaySteps: number;
}

/** SAELens/OpenAI's width scaling of the learning rate: 2e-4 · sqrt(16384 / width). */
export function defaultLearningRate(width: number): number {
  return 2e-4 * Math.sqrt(16384 / width);
}

export function validateSchedule({ lr, totalSteps, warmupSteps, decaySteps }: LrSchedule): void {
  if (!(lr > 0) || !Number.isFinite(lr)) throw new SaeError(`lr must be a positive number, got ${lr}.`);
  for (const [name, value] of [['warmupSteps', warmupSteps], ['decaySteps', decaySteps]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new SaeError(`${name} must be a non-negative integer, got ${value}.`);
  }
  if (warmupSteps + decaySteps > totalSteps) {
    throw new SaeError(`warmupSteps (${warmupSteps}) + decaySteps (${decaySteps}) exceed the ${totalSteps} training steps.`);
  }
}

/** Learning rate at 0-based `step`: linear warm-up from lr/warmup, constant, then linear decay to 0. */
export function learningRateAt(step: number, { lr, totalSteps, warmupSteps, decaySteps }: LrSchedule): number {
  if (step < warmupSteps) return (lr * (step + 1)) / warmupSteps;
  const decayStart = totalSteps - decaySteps;
  if (step >= decayStart) return (lr * (totalSteps - step)) / (decaySteps + 1);
  return lr;
}
