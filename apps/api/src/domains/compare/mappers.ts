import type { ComparisonRunRow, FeatureMatchRow } from '@atlas/db';
import type { FamilyMember } from './family.ts';
import type { MatchPage } from './match-page.ts';
import type { StoredFigure } from './stored-figure.ts';

/** What each comparison type resolves from (codegen reads every `<GraphQLType>Mapper` here). */
export type ComparisonMapper = ComparisonRunRow;
export type FeatureMatchMapper = FeatureMatchRow;
export type FeatureMatchConnectionMapper = MatchPage;
export type ComparisonFigureMapper = StoredFigure;
export type FeatureFamilyMapper = { parents: FeatureMatchRow[]; children: FeatureMatchRow[] };
export type FamilyMemberMapper = FamilyMember;
