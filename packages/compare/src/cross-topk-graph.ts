import { DataType, encodeModel, makeModel, makeNode, makeValueInfo } from '@atlas/onnx';

/**
 * One block of rows of A [rows, d] against all of B [n, d] (both unit rows): the product A·Bᵀ
 * stays inside onnxruntime; only each row's TopK (`row_*`, [rows, k]) and each column's TopK
 * within the block (`column_*`, [kc, n]) leave it. `k` and `kc` are inputs, so the last, smaller
 * block needs no second graph.
 */
export function buildCrossTopKGraph(d: number): Uint8Array {
  return encodeModel(
    makeModel({
      name: `cross_topk_${d}`,
      nodes: [
        makeNode('Gemm', ['a', 'b'], ['product'], { transB: 1 }),
        makeNode('TopK', ['product', 'k'], ['row_values', 'row_raw'], { axis: 1, largest: 1, sorted: 1 }),
        makeNode('Cast', ['row_raw'], ['row_indices'], { to: DataType.INT32 }),
        makeNode('TopK', ['product', 'kc'], ['column_values', 'column_raw'], { axis: 0, largest: 1, sorted: 1 }),
        makeNode('Cast', ['column_raw'], ['column_indices'], { to: DataType.INT32 }),
      ],
      inputs: [
        makeValueInfo('a', DataType.FLOAT, ['rows', d]),
        makeValueInfo('b', DataType.FLOAT, ['n', d]),
        makeValueInfo('k', DataType.INT64, [1]),
        makeValueInfo('kc', DataType.INT64, [1]),
      ],
      outputs: [
        makeValueInfo('row_values', DataType.FLOAT, ['rows', 'k']),
        makeValueInfo('row_indices', DataType.INT32, ['rows', 'k']),
        makeValueInfo('column_values', DataType.FLOAT, ['kc', 'n']),
        makeValueInfo('column_indices', DataType.INT32, ['kc', 'n']),
      ],
    }),
  );
}

/** The full product of a block of A against B [rows, n]: the dense cost matrix of an exact assignment (small sizes only). */
export function buildProductGraph(d: number): Uint8Array {
  return encodeModel(
    makeModel({
      name: `product_${d}`,
      nodes: [makeNode('Gemm', ['a', 'b'], ['product'], { transB: 1 })],
      inputs: [makeValueInfo('a', DataType.FLOAT, ['rows', d]), makeValueInfo('b', DataType.FLOAT, ['n', d])],
      outputs: [makeValueInfo('product', DataType.FLOAT, ['rows', 'n'])],
    }),
  );
}
