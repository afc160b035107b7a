import type { PoolRow, PoolSampleRow, SelectionItemRow, SelectionRow } from '@atlas/db';
import type { ImportPoolResult as ImportedPool } from '@atlas/select';
import type { ItemPage, PoolPage } from './pages.ts';

/** What each selection type resolves from (codegen reads every `<GraphQLType>Mapper` here). */
export type PoolMapper = PoolRow;
export type SelectionMapper = SelectionRow;
export type PoolConnectionMapper = PoolPage;
export type SelectionItemConnectionMapper = ItemPage;
export type SelectionItemMapper = SelectionItemRow & { saeId: string | null };
export type PoolSampleMapper = PoolSampleRow;
export type DrivingFeatureMapper = { saeId: string | null; index: number; contribution: number };
export type ImportPoolResultMapper = ImportedPool;
