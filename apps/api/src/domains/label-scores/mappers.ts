import type { LabelScoreRow } from '@atlas/db';

/** What each label-scores type resolves from (codegen reads every `<GraphQLType>Mapper` here). */
export type LabelScoreMapper = LabelScoreRow;
