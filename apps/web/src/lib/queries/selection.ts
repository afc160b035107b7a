import { operation, request } from '../graphql';
import type {
  CancelSelectionJobMutation,
  CancelSelectionJobMutationVariables,
  ImportPoolMutation,
  ImportPoolMutationVariables,
  SelectionJobQuery,
  SelectionJobQueryVariables,
  SelectionPageQuery,
  SelectionPageQueryVariables,
  SelectionHomeQuery,
  SelectionHomeQueryVariables,
  SelectionJsonlQuery,
  SelectionJsonlQueryVariables,
  StartSelectionMutation,
  StartSelectionMutationVariables,
} from '../../generated/operations';

export type SelectionHome = SelectionHomeQuery;
export type SelectionJobStatus = SelectionJobQuery;
export type SelectionDetail = NonNullable<SelectionPageQuery['selection']>;

const SELECTION_HOME = operation<SelectionHomeQuery, SelectionHomeQueryVariables>(/* GraphQL */ `
  query SelectionHome {
    pools(first: 100) {
      edges {
        node {
          id
          name
          format
          sampleCount
          createdAt
          selections(first: 5) { id name method status selectedCount poolSize createdAt }
        }
      }
    }
    models { id saes { id hookName width } }
  }
`);

const SELECTION_JOB = operation<SelectionJobQuery, SelectionJobQueryVariables>(/* GraphQL */ `
  query SelectionJob($jobId: ID!) {
    job(id: $jobId) {
      id
      kind
      state
      attempts
      maxAttempts
      progress { done total unit rate etaSeconds }
      error { code message }
      createdAt
      startedAt
      finishedAt
    }
    selectionOfJob(jobId: $jobId) { id status error selectedCount poolSize }
  }
`);

const SELECTION_PAGE = operation<SelectionPageQuery, SelectionPageQueryVariables>(/* GraphQL */ `
  query SelectionPage($id: ID!, $first: Int, $after: String) {
    selection(id: $id) {
      id
      name
      method
      status
      error
      ratio
      count
      targetCount
      targetPool { id name }
      poolSize
      selectedCount
      createdAt
      finishedAt
      pool { id name sampleCount }
      sae { id }
      job { id state }
      items(first: $first, after: $after) {
        edges {
          node {
            rank
            score
            sample { externalId text response }
            drivingFeatures { index contribution feature { id label { text } } }
          }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

const SELECTION_JSONL = operation<SelectionJsonlQuery, SelectionJsonlQueryVariables>(/* GraphQL */ `
  query SelectionJsonl($id: ID!, $after: String) {
    selection(id: $id) { jsonl(first: 1000, after: $after) { text endCursor hasNextPage } }
  }
`);

const IMPORT_POOL = operation<ImportPoolMutation, ImportPoolMutationVariables>(/* GraphQL */ `
  mutation ImportPool($input: ImportPoolInput!) {
    importPool(input: $input) { pool { id sampleCount } imported skipped { line message } }
  }
`);

const START_SELECTION = operation<StartSelectionMutation, StartSelectionMutationVariables>(/* GraphQL */ `
  mutation StartSelection($input: StartSelectionInput!) {
    startSelection(input: $input) { id state }
  }
`);

const CANCEL_SELECTION_JOB = operation<CancelSelectionJobMutation, CancelSelectionJobMutationVariables>(/* GraphQL */ `
  mutation CancelSelectionJob($id: ID!) {
    cancelJob(id: $id) { id state }
  }
`);

export async function cancelSelectionJob(id: string): Promise<CancelSelectionJobMutation['cancelJob']> {
  return (await request(CANCEL_SELECTION_JOB, { id })).cancelJob;
}

export async function getSelectionHome(): Promise<SelectionHome> {
  return request(SELECTION_HOME, {});
}

export async function getSelectionJob(jobId: string): Promise<SelectionJobStatus> {
  return request(SELECTION_JOB, { jobId });
}

export async function getSelection(id: string, page: { first: number; after?: string | undefined }): Promise<SelectionDetail | null> {
  const data = await request(SELECTION_PAGE, { id, first: page.first, after: page.after ?? null });
  return data.selection ?? null;
}

/** The whole selection as JSONL, page by page (1,000 lines each), for the download route. */
export async function* selectionJsonl(id: string): AsyncGenerator<string> {
  let after: string | null = null;
  for (;;) {
    const data: SelectionJsonlQuery = await request(SELECTION_JSONL, { id, after });
    if (!data.selection) return;
    yield data.selection.jsonl.text;
    if (!data.selection.jsonl.hasNextPage) return;
    after = data.selection.jsonl.endCursor ?? null;
  }
}

export async function importPool(input: ImportPoolMutationVariables['input']): Promise<ImportPoolMutation['importPool']> {
  return (await request(IMPORT_POOL, { input })).importPool;
}

export async function startSelection(input: StartSelectionMutationVariables['input']): Promise<StartSelectionMutation['startSelection']> {
  return (await request(START_SELECTION, { input })).startSelection;
}
