export type { DType, Tensor, SafetensorsFile } from './types.ts';
export { SafetensorsError } from './types.ts';
export { toFloat32, fromFloat32, SUPPORTED_DTYPES } from './dtypes.ts';
export { parseSafetensors } from './parse.ts';
export { readSafetensors } from './read.ts';
export { readSafetensorsHeader } from './read-header.ts';
export type { HeaderEntry, ParsedHeader } from './parse.ts';
export { serializeSafetensors } from './serialize.ts';
export { writeSafetensors } from './write.ts';
