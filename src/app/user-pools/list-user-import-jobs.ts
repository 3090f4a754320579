import type { AppDependencies, UseCase } from "../dependencies.js";
import { importJobView, settleInterruptedJob, type UserImportJobView } from "../user-import/import-jobs.js";
import { readPage } from "./page-token.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface ListUserImportJobsInput {
  UserPoolId: string;
  MaxResults: number;
  PaginationToken?: string;
}
export interface ListUserImportJobsOutput {
  UserImportJobs: UserImportJobView[];
  PaginationToken?: string;
}

/** The pool's import jobs, newest first, MaxResults (1–60) at a time. */
export const listUserImportJobs =
  (
    deps: Pick<AppDependencies, "storage" | "clock" | "secretBox" | "secretHasher" | "deployment">,
  ): UseCase<ListUserImportJobsInput, ListUserImportJobsOutput> =>
  async (context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const page = await readPage(
      deps.secretBox,
      {
        purpose: `cognito-idp:ListUserImportJobs:PaginationToken:${pool.id}`,
        limit: input.MaxResults,
        nextToken: input.PaginationToken,
        requestId: context.requestId,
      },
      (request) => deps.storage.userImportJobs.listImportJobs(pool.id, request),
    );
    const jobs = await Promise.all(page.items.map((job) => settleInterruptedJob(deps, job)));
    const output: ListUserImportJobsOutput = { UserImportJobs: jobs.map((job) => importJobView(deps, job)) };
    if (page.nextToken !== undefined) output.PaginationToken = page.nextToken;
    return output;
  };
