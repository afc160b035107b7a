import type { CodegenConfig } from '@graphql-codegen/cli';

/** Resolver types from the fixed schema; parents are the @atlas/db row types. */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  generates: {
    'src/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        useIndexSignature: false,
        contextType: '../context.ts#ApiContext',
        mappers: {
          Model: '@atlas/db#ModelRow',
          Sae: '@atlas/db#SaeRow',
          Feature: '@atlas/db#FeatureRow',
          ActivationExample: '@atlas/db#ActivationExampleRow',
          Histogram: '@atlas/db#HistogramRow',
          QuantileBin: '@atlas/db#QuantileBinRow',
          Label: '@atlas/db#LabelRow',
          FeatureNeighbour: '@atlas/db#FeatureNeighbourRow',
          LogitEffects: '@atlas/db#LogitEffectsRow',
          TokenEffect: '@atlas/db#TokenEffectRow',
          FeatureConnection: '../pagination.ts#FeaturePage',
          CoactivatingFeature: '@atlas/db#FeatureNeighbourRow',
          FeatureMap: '../resolvers/feature-map.ts#FeatureMapPage',
          MapPoint: '../resolvers/feature-map.ts#MapPointParent',
        },
        scalars: { ID: { input: 'string', output: 'string' } },
      },
    },
  },
};

export default config;
