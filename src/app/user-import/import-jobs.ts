import { ResourceNotFoundException } from "../../domain/errors.js";
import type { UserImportJob, UserImportJobStatus } from "../../ports/user-import-jobs.js";
import type { AppDependencies } from "../dependencies.js";

// What every import-job action shares: the job as Cognito shows it (UserImportJobType), its pre-signed
// upload URL, and the rule for a job whose runner went away (the server stopped mid-import): a running job
// with no heartbeat for INTERRUPTED_AFTER_MS is reported Failed, so it does not stay InProgress forever.

export const UPLOAD_PURPOSE = "user-import-upload";
export const INTERRUPTED_AFTER_MS = 10 * 60_000;
export const RUNNING_STATUSES: readonly UserImportJobStatus[] = ["Pending", "InProgress", "Stopping"];

export interface UserImportJobView {
  JobName: string;
  JobId: string;
  UserPoolId: string;
  PreSignedUrl: string;
  CreationDate: Date;
  StartDate?: Date;
  CompletionDate?: Date;
  Status: UserImportJobStatus;
  CloudWatchLogsRoleArn: string;
  ImportedUsers: number;
  SkippedUsers: number;
  FailedUsers: number;
  CompletionMessage?: string;
}

type JobDependencies = Pick<AppDependencies, "storage" | "clock" | "secretHasher" | "deployment">;

/** Where the CSV is PUT (Cognito hands out an S3 pre-signed URL; Cognate serves the upload itself). */
export function preSignedUrl(deps: Pick<JobDependencies, "secretHasher" | "deployment">, job: UserImportJob) {
  const signature = deps.secretHasher.hash(`${job.userPoolId}/${job.jobId}`, UPLOAD_PURPOSE);
  return `${deps.deployment.publicUrl}/_cognate/user-import/${job.userPoolId}/${job.jobId}?X-Cognate-Signature=${signature}`;
}

export function importJobView(
  deps: Pick<JobDependencies, "secretHasher" | "deployment">,
  job: UserImportJob,
): UserImportJobView {
  return {
    JobName: job.jobName,
    JobId: job.jobId,
    UserPoolId: job.userPoolId,
    PreSignedUrl: preSignedUrl(deps, job),
    CreationDate: job.createdAt,
    ...(job.startedAt ? { StartDate: job.startedAt } : {}),
    ...(job.completedAt ? { CompletionDate: job.completedAt } : {}),
    Status: job.status,
    CloudWatchLogsRoleArn: job.cloudWatchLogsRoleArn,
    ImportedUsers: job.importedUsers,
    SkippedUsers: job.skippedUsers,
    FailedUsers: job.failedUsers,
    ...(job.completionMessage ? { CompletionMessage: job.completionMessage } : {}),
  };
}

/** Marks a running job whose runner stopped beating as Failed, and returns the job as stored. */
export async function settleInterruptedJob(
  deps: JobDependencies,
  job: UserImportJob,
): Promise<UserImportJob> {
  if (!RUNNING_STATUSES.includes(job.status)) return job;
  const now = deps.clock.now();
  const lastSign = (job.heartbeatAt ?? job.startedAt ?? job.createdAt).getTime();
  if (now.getTime() - lastSign < INTERRUPTED_AFTER_MS) return job;
  const completionMessage =
    "The job was interrupted (the server stopped). Start a new job with the same file: users already imported are skipped.";
  const moved = await deps.storage.userImportJobs.transitionImportJob(job.jobId, RUNNING_STATUSES, "Failed", {
    completedAt: now,
    completionMessage,
  });
  return moved ? { ...job, status: "Failed", completedAt: now, completionMessage } : job;
}

export async function requireImportJob(
  deps: JobDependencies,
  userPoolId: string,
  jobId: string,
): Promise<UserImportJob> {
  const job = await deps.storage.userImportJobs.findImportJob(userPoolId, jobId);
  if (!job) throw new ResourceNotFoundException(`Import job ${jobId} does not exist.`);
  return settleInterruptedJob(deps, job);
}
