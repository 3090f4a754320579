import type { Page, PageRequest } from "./storage.js";

// Storage for Cognito's CSV user import jobs (CreateUserImportJob … ListUserImportJobs): the job and its
// counters, the CSV uploaded to the job's pre-signed URL (kept as ordered text chunks, so neither upload nor
// import holds the whole file), and the per-job log that Cognito writes to CloudWatch Logs.

export type UserImportJobStatus =
  | "Created"
  | "Pending"
  | "InProgress"
  | "Stopping"
  | "Expired"
  | "Stopped"
  | "Failed"
  | "Succeeded";

export interface UserImportJob {
  jobId: string;
  userPoolId: string;
  jobName: string;
  cloudWatchLogsRoleArn: string;
  status: UserImportJobStatus;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  importedUsers: number;
  skippedUsers: number;
  failedUsers: number;
  completionMessage: string | null;
  /** Characters of CSV received through the pre-signed URL (0: nothing uploaded yet). */
  uploadedChars: number;
  /** CSV data rows handled so far. */
  processedRows: number;
  /** The runner's last sign of life; a running job silent for long was interrupted (the server stopped). */
  heartbeatAt: Date | null;
}

export type ImportLogOutcome = "SUCCEEDED" | "SKIPPED" | "FAILED";

/** One line of the job log, as Cognito words it: by line number, with no user data. */
export interface ImportLogEntry {
  lineNumber: number;
  outcome: ImportLogOutcome;
  message: string;
  at: Date;
}

export interface ImportProgress {
  importedUsers: number;
  skippedUsers: number;
  failedUsers: number;
  processedRows: number;
  /** Written as the job's heartbeat. */
  at: Date;
}

export interface UserImportJobRepository {
  insertImportJob(job: UserImportJob): Promise<void>;
  findImportJob(userPoolId: string, jobId: string): Promise<UserImportJob | undefined>;
  /** Jobs of a pool, newest first. */
  listImportJobs(userPoolId: string, page: PageRequest): Promise<Page<UserImportJob>>;
  countImportJobs(userPoolId: string): Promise<number>;
  /**
   * Moves a job to `to` only if its status is one of `from` (atomic compare-and-set, so one of two racing
   * starts or stops wins); `changes` are written with it. Returns false when the job was in another state.
   */
  transitionImportJob(
    jobId: string,
    from: readonly UserImportJobStatus[],
    to: UserImportJobStatus,
    changes?: { startedAt?: Date; completedAt?: Date; completionMessage?: string; heartbeatAt?: Date },
  ): Promise<boolean>;
  /** Writes the counters and appends log lines together (a line already logged is kept as it was). */
  recordImportProgress(
    jobId: string,
    progress: ImportProgress,
    log: readonly ImportLogEntry[],
  ): Promise<void>;
  /** Drops any earlier upload of the job (a PUT replaces the object, as on S3). */
  clearUploadedCsv(jobId: string): Promise<void>;
  /** Appends the next piece of the uploaded CSV; `seq` counts from 0. */
  appendUploadedCsv(jobId: string, seq: number, text: string): Promise<void>;
  /** The piece `seq` of the upload, or undefined past the end. */
  readUploadedCsv(jobId: string, seq: number): Promise<string | undefined>;
  /** Log lines in line order, after `afterLine` (0 for the start). */
  listImportLog(jobId: string, afterLine: number, limit: number): Promise<ImportLogEntry[]>;
}
