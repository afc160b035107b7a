import { onnx } from '@atlas/onnx';

/**
 * Moves the bytes of every initializer of at least `threshold` bytes into one external-data blob
 * (as `onnx.save_model(..., save_as_external_data=True)` does, whose default threshold is 1024:
 * small shape constants stay inline for shape inference). Moved tensors keep `location`,
 * `offset` and `length` entries and `data_location = EXTERNAL`.
 */
export function moveToExternalData(model: onnx.ModelProto, location: string, threshold = 1024): { model: onnx.ModelProto; data: Uint8Array } {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const initializer = (model.graph?.initializer ?? []).map((tensor) => {
    const raw = tensor.rawData ?? new Uint8Array();
    if (raw.length < threshold) return tensor;
    const start = Math.ceil(offset / 64) * 64; // aligned, so a runtime may map it
    if (start > offset) chunks.push(new Uint8Array(start - offset));
    chunks.push(raw);
    offset = start + raw.length;
    return onnx.TensorProto.create({
      name: tensor.name,
      dims: tensor.dims,
      dataType: tensor.dataType,
      dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
      externalData: [
        { key: 'location', value: location },
        { key: 'offset', value: String(start) },
        { key: 'length', value: String(raw.length) },
      ],
    });
  });
  const data = new Uint8Array(offset);
  let at = 0;
  for (const chunk of chunks) {
    data.set(chunk, at);
    at += chunk.length;
  }
  const graph = onnx.GraphProto.create({ ...model.graph, initializer });
  return { model: onnx.ModelProto.create({ ...model, graph }), data };
}
