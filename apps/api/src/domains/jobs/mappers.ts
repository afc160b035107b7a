import type { JobErrorInfo, JobProgress, JobRecord } from '@atlas/db';

/** What each jobs type resolves from (codegen reads every `<GraphQLType>Mapper` here). */
export type JobMapper = JobRecord;
export type JobProgressMapper = JobProgress;
export type JobFailureMapper = JobErrorInfo;
