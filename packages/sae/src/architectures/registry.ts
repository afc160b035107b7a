import { SaeError } from '../sae-error.ts';
import type { SaeArchitecture } from './architecture.ts';
import { batchtopk } from './batchtopk.ts';
import { gba } from './gba.ts';
import { jumprelu } from './jumprelu.ts';
import { mp } from './mp.ts';
import { relu } from './relu.ts';
import { topk } from './topk.ts';

/** Every architecture, in the order they are listed to users. Adding one: its module and one line here. */
const ARCHITECTURES = [topk, batchtopk, relu, jumprelu, gba, mp] as const;

/** An architecture's name (`cfg.architecture`, `--architecture`). */
export type Architecture = (typeof ARCHITECTURES)[number]['name'];

// A non-empty tuple type, so choice-style validators (zod enums) accept it as it is.
export const ARCHITECTURE_NAMES = ARCHITECTURES.map((architecture) => architecture.name) as unknown as readonly [Architecture, ...Architecture[]];

const BY_NAME = new Map<string, SaeArchitecture<Architecture>>(ARCHITECTURES.map((architecture) => [architecture.name, architecture as SaeArchitecture<Architecture>]));

export function isArchitecture(name: unknown): name is Architecture {
  return typeof name === 'string' && BY_NAME.has(name);
}

/** The architecture called `name`; an unknown name is an error listing the supported ones. */
export function getArchitecture(name: string): SaeArchitecture<Architecture> {
  const architecture = BY_NAME.get(name);
  if (!architecture) {
    throw new SaeError(`Unsupported SAE architecture ${JSON.stringify(name)}; supported: ${ARCHITECTURE_NAMES.join(', ')}.`);
  }
  return architecture;
}

/** Every architecture, in the registry's order. */
export function allArchitectures(): readonly SaeArchitecture<Architecture>[] {
  return [...BY_NAME.values()];
}
