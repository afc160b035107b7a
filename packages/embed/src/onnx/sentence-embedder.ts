import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { createSession, ort, runChecked, type Device } from '@atlas/onnx';
import type { Embedder, EmbedderId } from '../embedder.ts';
import { EmbedError } from '../embed-error.ts';
import { meanPool } from './mean-pool.ts';

/** Bump when pooling or input handling changes, so stored vectors are redone. */
const METHOD_VERSION = '1';
const ONNX_FILES = ['onnx/model.onnx', 'model.onnx'] as const;
const HIDDEN_OUTPUTS = ['last_hidden_state', 'token_embeddings'] as const;

export interface OnnxSentenceEmbedderOptions {
  /** Name recorded with every vector (default: the folder's name). */
  name?: string;
  /** Tokens per text; longer texts are cut (default: the tokenizer's model_max_length, at most 512). */
  maxLength?: number;
  /** Texts per onnxruntime run (default 32). */
  batchSize?: number;
  device?: Device;
  threads?: number;
}

/**
 * Any ONNX sentence-embedding folder on disk in the layout of the usual small English exports
 * (`onnx/model.onnx` or `model.onnx`, `tokenizer.json` + `tokenizer_config.json`, `config.json`):
 * a BERT-style encoder whose `last_hidden_state` is mean-pooled over the attention mask and
 * scaled to unit length. Loaded from local files only; nothing is downloaded.
 */
export async function loadOnnxSentenceEmbedder(dir: string, options: OnnxSentenceEmbedderOptions = {}): Promise<Embedder> {
  const folder = path.resolve(dir);
  const onnxFile = ONNX_FILES.map((file) => path.join(folder, file)).find((file) => existsSync(file));
  const missing = [
    ...(onnxFile ? [] : ['onnx/model.onnx (or model.onnx)']),
    ...['tokenizer.json', 'config.json'].filter((file) => !existsSync(path.join(folder, file))),
  ];
  if (missing.length > 0) {
    throw new EmbedError(
      `${folder} is not a sentence-embedding folder: missing ${missing.join(', ')}. ` +
        'Point to a folder in the Hugging Face ONNX layout (e.g. an Optimum or transformers.js export of a sentence-transformers model).',
      { code: 'NOT_FOUND' },
    );
  }
  const config = JSON.parse(readFileSync(path.join(folder, 'config.json'), 'utf8')) as { hidden_size?: number; max_position_embeddings?: number };
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  let tokenizer: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
  try {
    tokenizer = await AutoTokenizer.from_pretrained(folder, { local_files_only: true });
  } catch (error) {
    throw new EmbedError(`Could not load the tokenizer in ${folder}: ${(error as Error).message}`, { cause: error });
  }
  const modelBytes = readFileSync(onnxFile!);
  const { session } = await createSession(modelBytes, {
    externalDataDir: path.dirname(onnxFile!),
    ...(options.device ? { device: options.device } : {}),
    ...(options.threads ? { threads: options.threads } : {}),
  });
  const hiddenName = HIDDEN_OUTPUTS.find((name) => session.outputNames.includes(name));
  if (!hiddenName) {
    throw new EmbedError(
      `${onnxFile} has no per-token output (${HIDDEN_OUTPUTS.join(' or ')}); its outputs are ${session.outputNames.join(', ')}.`,
    );
  }
  const tokenizerLimit = Number((tokenizer as unknown as { model_max_length?: number }).model_max_length);
  const maxLength = options.maxLength ?? Math.min(512, config.max_position_embeddings ?? 512, Number.isFinite(tokenizerLimit) ? tokenizerLimit : 512);
  const batchSize = options.batchSize ?? 32;
  const checksum = createHash('sha256');
  for (const file of [onnxFile!, path.join(folder, 'tokenizer.json'), path.join(folder, 'config.json')]) checksum.update(readFileSync(file));
  checksum.update(`mean-pool; max_length=${maxLength}`);
  let dimensions = config.hidden_size ?? 0;

  const embedBatch = async (texts: readonly string[]) => {
    const encoded = tokenizer([...texts], { padding: true, truncation: true, max_length: maxLength, return_tensor: false }) as unknown as {
      input_ids: number[][]; attention_mask: number[][]; token_type_ids?: number[][];
    };
    const batch = texts.length;
    const seqLen = encoded.input_ids[0]?.length ?? 0;
    const tensor = (rows: number[][]) => new ort.Tensor('int64', BigInt64Array.from(rows.flat(), BigInt), [batch, seqLen]);
    const feeds: Record<string, ort.Tensor> = {};
    for (const name of session.inputNames) {
      if (name === 'input_ids') feeds[name] = tensor(encoded.input_ids);
      else if (name === 'attention_mask') feeds[name] = tensor(encoded.attention_mask);
      else if (name === 'token_type_ids') feeds[name] = tensor(encoded.token_type_ids ?? encoded.input_ids.map((row) => row.map(() => 0)));
      else throw new EmbedError(`${onnxFile} takes an input "${name}" this embedder does not know (it feeds input_ids, attention_mask, token_type_ids).`);
    }
    const outputs = await runChecked(session, feeds, [hiddenName]);
    const hidden = outputs[hiddenName]!;
    dimensions = hidden.dims[2]!;
    return meanPool(hidden.data as Float32Array, encoded.attention_mask.flat(), batch, seqLen, dimensions);
  };

  const id: EmbedderId = { name: options.name ?? path.basename(folder), version: METHOD_VERSION, checksum: checksum.digest('hex'), dimensions };
  if (id.dimensions === 0) id.dimensions = (await embedBatch(['dimensions']))[0]!.length;
  return {
    id,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += batchSize) out.push(...(await embedBatch(texts.slice(start, start + batchSize))));
      return out;
    },
    close: () => session.release(),
  };
}
