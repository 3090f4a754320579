import { LimitExceededException } from "../../domain/errors.js";
import { randomBase62 } from "../../domain/user-pool/pool-id.js";
import type { UserImportJob } from "../../ports/user-import-jobs.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { importJobView, type UserImportJobView } from "../user-import/import-jobs.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface CreateUserImportJobInput {
  JobName: string;
  UserPoolId: string;
  CloudWatchLogsRoleArn: string;
}
export interface CreateUserImportJobOutput {
  UserImportJob: UserImportJobView;
}

// CreateUserImportJob: a Created job with a PreSignedUrl to PUT the CSV to. The CloudWatch Logs role is
// recorded as given (the job log is kept by Cognate: `cognate import-log`). At most 1,000 jobs per pool.

const MAX_JOBS_PER_POOL = 1000;

export const createUserImportJob =
  (
    deps: Pick<AppDependencies, "storage" | "clock" | "random" | "secretHasher" | "deployment">,
  ): UseCase<CreateUserImportJobInput, CreateUserImportJobOutput> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    if ((await deps.storage.userImportJobs.countImportJobs(pool.id)) >= MAX_JOBS_PER_POOL) {
      throw new LimitExceededException(`The user pool already has ${MAX_JOBS_PER_POOL} import jobs.`);
    }
    const job: UserImportJob = {
      jobId: `import-${randomBase62((length) => deps.random.bytes(length), 10)}`,
      userPoolId: pool.id,
      jobName: input.JobName,
      cloudWatchLogsRoleArn: input.CloudWatchLogsRoleArn,
      status: "Created",
      createdAt: deps.clock.now(),
      startedAt: null,
      completedAt: null,
      importedUsers: 0,
      skippedUsers: 0,
      failedUsers: 0,
      completionMessage: null,
      uploadedChars: 0,
      processedRows: 0,
      heartbeatAt: null,
    };
    await deps.storage.userImportJobs.insertImportJob(job);
    return { UserImportJob: importJobView(deps, job) };
  };
