import { operation, request } from '../graphql';
import type {
  CreateApiKeyMutation, CreateApiKeyMutationVariables, MyApiKeysQuery, RevokeApiKeyMutation, RevokeApiKeyMutationVariables,
  SignInMutation, SignInMutationVariables, SignOutMutation, SignUpMutation, SignUpMutationVariables, ViewerQuery,
} from '../../generated/operations';

/** Accounts and API keys on the API (contributions domain); every call but sign-up/in sends the session token. */
export type AccountViewer = ViewerQuery['viewer'];
export type ApiKeyListing = MyApiKeysQuery['myApiKeys'][number];

const SIGN_UP = operation<SignUpMutation, SignUpMutationVariables>(/* GraphQL */ `
  mutation SignUp($handle: String!, $password: String!, $displayName: String) {
    signUp(handle: $handle, password: $password, displayName: $displayName) { token expiresAt user { handle } }
  }
`);

const SIGN_IN = operation<SignInMutation, SignInMutationVariables>(/* GraphQL */ `
  mutation SignIn($handle: String!, $password: String!) {
    signIn(handle: $handle, password: $password) { token expiresAt user { handle } }
  }
`);

const SIGN_OUT = operation<SignOutMutation>(/* GraphQL */ `
  mutation SignOut { signOut }
`);

const VIEWER = operation<ViewerQuery>(/* GraphQL */ `
  query Viewer { viewer { credential user { id handle displayName role } } }
`);

const MY_API_KEYS = operation<MyApiKeysQuery>(/* GraphQL */ `
  query MyApiKeys { myApiKeys { id name prefix scope createdAt lastUsedAt expiresAt revokedAt } }
`);

const CREATE_API_KEY = operation<CreateApiKeyMutation, CreateApiKeyMutationVariables>(/* GraphQL */ `
  mutation CreateApiKey($name: String!, $scope: ApiKeyScope) {
    createApiKey(name: $name, scope: $scope) { key apiKey { id name prefix scope } }
  }
`);

const REVOKE_API_KEY = operation<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>(/* GraphQL */ `
  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }
`);

export async function signUp(variables: SignUpMutationVariables) {
  return (await request(SIGN_UP, variables)).signUp;
}

export async function signIn(variables: SignInMutationVariables) {
  return (await request(SIGN_IN, variables)).signIn;
}

export async function signOut(credential: string): Promise<void> {
  await request(SIGN_OUT, {}, { credential });
}

export async function getViewer(credential: string | undefined): Promise<AccountViewer> {
  if (!credential) return null;
  return (await request(VIEWER, {}, { credential })).viewer;
}

export async function getMyApiKeys(credential: string): Promise<ApiKeyListing[]> {
  return (await request(MY_API_KEYS, {}, { credential })).myApiKeys;
}

export async function createApiKey(credential: string, variables: CreateApiKeyMutationVariables) {
  return (await request(CREATE_API_KEY, variables, { credential })).createApiKey;
}

export async function revokeApiKey(credential: string, id: string): Promise<void> {
  await request(REVOKE_API_KEY, { id }, { credential });
}
