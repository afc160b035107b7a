import type { ApiKeyRow, LabelVersionRow, UserRow } from '@atlas/db';
import type { Scope } from '../../auth/viewer.ts';
import type { LabelPage, VersionPage } from './pages.ts';

/** What each contributions type resolves from (codegen reads every `<GraphQLType>Mapper` here; Label is the catalog's LabelRow). */
export type UserMapper = UserRow;
export type ApiKeyMapper = ApiKeyRow;
export type CreatedApiKeyMapper = { key: string; apiKey: ApiKeyRow };
export type SessionMapper = { token: string; expiresAt: Date; user: UserRow };
export type ViewerMapper = { user: UserRow; credential: 'SESSION' | 'API_KEY'; scopes: readonly Scope[] };
export type LabelVersionMapper = LabelVersionRow;
export type LabelConnectionMapper = LabelPage;
export type LabelVersionConnectionMapper = VersionPage;
