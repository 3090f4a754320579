import { PreconditionNotMetException } from "../../domain/errors.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { importJobView, requireImportJob, type UserImportJobView } from "../user-import/import-jobs.js";
import { runUserImportJob } from "../user-import/run-import-job.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface StartUserImportJobInput {
  UserPoolId: string;
  JobId: string;
}
export interface StartUserImportJobOutput {
  UserImportJob: UserImportJobView;
}

// StartUserImportJob: a Created job becomes Pending and is answered at once; the import runs in the
// background of this server process (run-import-job.ts) and DescribeUserImportJob follows it.
// Starting a job that is not Created is PreconditionNotMetException.

export const startUserImportJob =
  (
    deps: Pick<AppDependencies, "storage" | "clock" | "random" | "logger" | "secretHasher" | "deployment">,
  ): UseCase<StartUserImportJobInput, StartUserImportJobOutput> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const job = await requireImportJob(deps, pool.id, input.JobId);
    const startedAt = deps.clock.now();
    const started = await deps.storage.userImportJobs.transitionImportJob(job.jobId, ["Created"], "Pending", {
      startedAt,
      heartbeatAt: startedAt,
    });
    if (!started) {
      throw new PreconditionNotMetException(
        `Import job ${job.jobId} is ${job.status}; only a Created job can start.`,
      );
    }
    // Deliberately not awaited: the job outlives this request. It records its own failures.
    void runUserImportJob(deps, pool.id, job.jobId);
    return {
      UserImportJob: importJobView(deps, { ...job, status: "Pending", startedAt, heartbeatAt: startedAt }),
    };
  };
