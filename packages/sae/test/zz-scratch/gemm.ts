import { DataType, createSession, encodeModel, makeModel, makeNode, makeTensor, makeValueInfo, ort, runChecked } from '@atlas/onnx';
const B = 4096, D = 512, W = 8192, K = 32;
function graph(kind: 'matmul' | 'gemm' | 'transpose') {
  const head = kind === 'gemm'
    ? [makeNode('Gemm', ['xc', 'w', 'b_enc'], ['pre'], { transB: 1 })]
    : kind === 'transpose'
      ? [makeNode('Transpose', ['w'], ['wt'], { perm: [1, 0] }), makeNode('MatMul', ['xc', 'wt'], ['mm']), makeNode('Add', ['mm', 'b_enc'], ['pre'])]
      : [makeNode('MatMul', ['xc', 'w'], ['mm']), makeNode('Add', ['mm', 'b_enc'], ['pre'])];
  return encodeModel(makeModel({ name: 'g', nodes: [makeNode('Sub', ['x', 'b_dec'], ['xc']), ...head,
    makeNode('TopK', ['pre', 'k'], ['v', 'i64'], { axis: -1, largest: 1, sorted: 1 }), makeNode('Relu', ['v'], ['values']), makeNode('Cast', ['i64'], ['indices'], { to: DataType.INT32 })],
    inputs: [makeValueInfo('x', DataType.FLOAT, ['b', D]), makeValueInfo('b_dec', DataType.FLOAT, [D]), makeValueInfo('w', DataType.FLOAT, kind === 'matmul' ? [D, W] : [W, D]), makeValueInfo('b_enc', DataType.FLOAT, [W])],
    outputs: [makeValueInfo('values', DataType.FLOAT, ['b', K]), makeValueInfo('indices', DataType.INT32, ['b', K])],
    initializers: [makeTensor('k', [1], BigInt64Array.from([BigInt(K)]))] }));
}
const x = new Float32Array(B * D).map(() => Math.random() - 0.5);
const w = new Float32Array(W * D).map(() => Math.random() - 0.5);
const base = { x: new ort.Tensor('float32', x, [B, D]), b_dec: new ort.Tensor('float32', new Float32Array(D), [D]), b_enc: new ort.Tensor('float32', new Float32Array(W), [W]) };
const kinds = ['matmul', 'gemm', 'transpose'] as const;
const sessions = await Promise.all(kinds.map(async (k) => (await createSession(graph(k))).session));
const feeds = kinds.map((k) => ({ ...base, w: new ort.Tensor('float32', w, k === 'matmul' ? [D, W] : [W, D]) }));
const best = kinds.map(() => Infinity);
for (let r = 0; r < 6; r++) for (let i = 0; i < 3; i++) { const t = performance.now(); await runChecked(sessions[i]!, feeds[i]!); best[i] = Math.min(best[i]!, performance.now() - t); }
kinds.forEach((k, i) => console.log(k, best[i]!.toFixed(1), 'ms'));
