import { DataType, createSession, encodeModel, makeModel, makeNode, makeValueInfo, ort, runChecked } from '/work/main/packages/onnx/src/index.ts';
const B = 4096, D = Number(process.env.D ?? 512), W = Number(process.env.W ?? 8192), K = 32;
function graph(transposed: boolean) {
  const nodes = [
    makeNode('Sub', ['x', 'b_dec'], ['xc']),
    transposed ? makeNode('Gemm', ['xc', 'w', 'b_enc'], ['pre'], { transB: 1 }) : makeNode('MatMul', ['xc', 'w'], ['mm']),
    ...(transposed ? [] : [makeNode('Add', ['mm', 'b_enc'], ['pre'])]),
    makeNode('TopK', ['pre', 'kk'], ['v', 'i64'], { axis: -1, largest: 1, sorted: 1 }),
    makeNode('Relu', ['v'], ['values']),
    makeNode('Cast', ['i64'], ['indices'], { to: DataType.INT32 }),
  ];
  return encodeModel(makeModel({ name: 'g', nodes,
    inputs: [makeValueInfo('x', DataType.FLOAT, ['b', D]), makeValueInfo('b_dec', DataType.FLOAT, [D]),
      makeValueInfo('w', DataType.FLOAT, transposed ? [W, D] : [D, W]), makeValueInfo('b_enc', DataType.FLOAT, [W]), makeValueInfo('kk', DataType.INT64, [1])],
    outputs: [makeValueInfo('values', DataType.FLOAT, ['b', K]), makeValueInfo('indices', DataType.INT32, ['b', K])] }));
}
function plain() {
  return encodeModel(makeModel({ name: 'mm', nodes: [makeNode('MatMul', ['x', 'w'], ['y'])],
    inputs: [makeValueInfo('x', DataType.FLOAT, ['b', D]), makeValueInfo('w', DataType.FLOAT, [D, W])],
    outputs: [makeValueInfo('y', DataType.FLOAT, ['b', W])] }));
}
const x = new Float32Array(B * D).map(() => Math.random() - 0.5);
const w = new Float32Array(W * D).map(() => Math.random() - 0.5);
const feedsBase = { x: new ort.Tensor('float32', x, [B, D]), b_dec: new ort.Tensor('float32', new Float32Array(D), [D]), b_enc: new ort.Tensor('float32', new Float32Array(W), [W]), kk: new ort.Tensor('int64', BigInt64Array.from([BigInt(K)]), [1]) };
const flop = 2 * B * D * W;
async function time(name: string, session: ort.InferenceSession, feeds: any) {
  await runChecked(session, feeds);
  const t = performance.now(); const n = 5;
  for (let i = 0; i < n; i++) await runChecked(session, feeds);
  const ms = (performance.now() - t) / n;
  console.log(name, ms.toFixed(1), 'ms', (flop / ms / 1e6).toFixed(1), 'GFLOP/s');
}
{ const { session } = await createSession(plain()); await time('matmul dense out', session, { x: feedsBase.x, w: new ort.Tensor('float32', w, [D, W]) }); }
{ const { session } = await createSession(graph(false)); await time('matmul+topk', session, { ...feedsBase, w: new ort.Tensor('float32', w, [D, W]) }); }
{ const { session } = await createSession(graph(true)); await time('gemm transB+topk', session, { ...feedsBase, w: new ort.Tensor('float32', w, [W, D]) }); }
