/**
 * The activation file `atlas extract` writes (`createActivationFileWriter`) and the pipeline
 * reads back (`readActivationFile`, `openActivationSource`): safetensors with `token_ids` [N] I32,
 * then `activations` [N, d_in] F32, where row r is position r % seq_len of context
 * floor(r / seq_len); string metadata holds the provenance (`model`, `hook`, `corpus`),
 * `seq_len`, and `contexts`, a JSON list of [documentId, startToken] per context.
 * Activation files from elsewhere need only the `activations` tensor (F32, F16 or BF16), or are
 * `.npy` matrices.
 */
export const ACTIVATIONS_TENSOR = 'activations';
export const TOKEN_IDS_TENSOR = 'token_ids';

/** Where an activation file's rows came from. */
export interface ActivationFileProvenance {
  model: string;
  hook: string;
  corpus: string;
}

/** A fixed-length run of corpus tokens (documents joined by EOS): the unit the atlas displays and stores once. */
export interface ContextRef {
  documentId: string;
  startToken: number;
  tokenIds: number[];
}

/** What the pipeline keeps in memory of an activation file; the rows themselves stay on disk. */
export interface ExtractedActivations {
  /**
   * The activation file: `activations` [rows, dIn] F32, row r is position r % seqLen of context
   * floor(r / seqLen). Read it in chunks (`openActivationSource`), never whole: 1M tokens at
   * d256 are 1 GiB.
   */
  file: string;
  tokenIds: Int32Array;
  rows: number;
  dIn: number;
  seqLen: number;
  contexts: ContextRef[];
}

/** The string metadata of an activation file of `contexts` of `seqLen` tokens each. */
export function activationFileMetadata(
  provenance: ActivationFileProvenance,
  seqLen: number,
  contexts: readonly Pick<ContextRef, 'documentId' | 'startToken'>[],
): Record<string, string> {
  return {
    ...provenance,
    seq_len: String(seqLen),
    contexts: JSON.stringify(contexts.map((context) => [context.documentId, context.startToken])),
  };
}
