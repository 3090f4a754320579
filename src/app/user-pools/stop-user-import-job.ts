import { PreconditionNotMetException } from "../../domain/errors.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { importJobView, requireImportJob, type UserImportJobView } from "../user-import/import-jobs.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface StopUserImportJobInput {
  UserPoolId: string;
  JobId: string;
}
export interface StopUserImportJobOutput {
  UserImportJob: UserImportJobView;
}

// StopUserImportJob: a Pending or InProgress job becomes Stopping; the runner notices at its next progress
// write and moves it to Stopped (users imported so far stay). Any other status is PreconditionNotMetException.

export const stopUserImportJob =
  (
    deps: Pick<AppDependencies, "storage" | "clock" | "secretHasher" | "deployment">,
  ): UseCase<StopUserImportJobInput, StopUserImportJobOutput> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const job = await requireImportJob(deps, pool.id, input.JobId);
    const stopping = await deps.storage.userImportJobs.transitionImportJob(
      job.jobId,
      ["Pending", "InProgress"],
      "Stopping",
    );
    if (!stopping) {
      throw new PreconditionNotMetException(
        `Import job ${job.jobId} is ${job.status}; only a running job can stop.`,
      );
    }
    const current = (await deps.storage.userImportJobs.findImportJob(pool.id, job.jobId)) ?? job;
    return { UserImportJob: importJobView(deps, current) };
  };
