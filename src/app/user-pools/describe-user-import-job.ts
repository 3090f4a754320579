import type { AppDependencies, UseCase } from "../dependencies.js";
import { importJobView, requireImportJob, type UserImportJobView } from "../user-import/import-jobs.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface DescribeUserImportJobInput {
  UserPoolId: string;
  JobId: string;
}
export interface DescribeUserImportJobOutput {
  UserImportJob: UserImportJobView;
}

/** The job with its live counters: this is how a caller follows the progress of an import. */
export const describeUserImportJob =
  (
    deps: Pick<AppDependencies, "storage" | "clock" | "secretHasher" | "deployment">,
  ): UseCase<DescribeUserImportJobInput, DescribeUserImportJobOutput> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const job = await requireImportJob(deps, pool.id, input.JobId);
    return { UserImportJob: importJobView(deps, job) };
  };
