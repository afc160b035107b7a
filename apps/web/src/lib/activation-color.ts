/** Token highlight colour: orange whose opacity is value / maxActivation, clamped to [0, 1]. */

const HIGHLIGHT_RGB = '255, 140, 0';

export function activationIntensity(value: number, maxActivation: number): number {
  if (!(value > 0) || !(maxActivation > 0)) return 0;
  return Math.min(1, value / maxActivation);
}

/** CSS background for a token, or undefined when it did not fire. */
export function activationBackground(value: number, maxActivation: number): string | undefined {
  const intensity = activationIntensity(value, maxActivation);
  if (intensity === 0) return undefined;
  // A faint floor keeps weak-but-nonzero activations visible.
  const alpha = 0.08 + 0.82 * intensity;
  return `rgba(${HIGHLIGHT_RGB}, ${alpha.toFixed(3)})`;
}
