/**
 * The fields the catalog and the model page both show of a model and its SAEs, as one fragment
 * so the two queries cannot drift apart. Codegen finds it here by name; the queries interpolate
 * it so the document they send carries its definition.
 */
export const MODEL_WITH_SAES_FIELDS = /* GraphQL */ `
  fragment ModelWithSaesFields on Model {
    id
    displayName
    architecture
    layerCount
    dModel
    vocabSize
    contextLength
    saes {
      id
      hookName
      architecture
      width
      k
      metrics { l0 fvu deadFraction }
    }
  }
`;
