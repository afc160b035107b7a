export { createSession, parseDevice, DEVICE_PROVIDERS, OnnxError } from './session.ts';
export type { Device, SessionOptions, CreatedSession } from './session.ts';
export { runChecked, ort } from './run.ts';
export type { Feeds } from './run.ts';
export { DataType, makeTensor, makeNode, makeValueInfo, makeModel, encodeModel, decodeModel, onnx } from './graph.ts';
export type { GraphSpec, AttributeValue } from './graph.ts';
