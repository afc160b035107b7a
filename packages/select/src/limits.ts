/** The limits one upload, pool or selection may reach; errors quote them. */
export const SELECT_LIMITS = {
  /** An uploaded JSONL or CSV file (bytes). */
  maxUploadBytes: 64 * 1024 * 1024,
  /** One sample's text (prompt + response), in characters; longer ones are malformed lines. */
  maxSampleCharacters: 100_000,
  /** Samples in one pool. */
  maxPoolSamples: 1_000_000,
  /** Target examples given as texts (a larger target set is a target pool). */
  maxTargetExamples: 10_000,
  /** Malformed lines quoted in one error message (the count is always given). */
  quotedProblems: 10,
} as const;
