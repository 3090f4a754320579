import type { AppDependencies } from "../dependencies.js";
import { constantTimeEqual } from "../user-pools/client-secrets.js";
import { UPLOAD_PURPOSE } from "./import-jobs.js";

// The PUT to a job's PreSignedUrl (what S3 does for Cognito): the signature in the URL must be the one
// CreateUserImportJob handed out, the job must still be Created, and a new upload replaces the old one.
// The text arrives in pieces and is stored as they come, so memory stays flat however large the file.

export type CsvUploadOutcome = "stored" | "bad-signature" | "no-such-job" | "job-not-created";

export type CsvUploadDependencies = Pick<AppDependencies, "storage" | "secretHasher">;

/** Largest number of pieces kept per job; at ~1 MB a piece this is far over Cognito's 100 MB limit. */
const MAX_PIECES = 1000;

export const uploadUserImportCsv =
  (deps: CsvUploadDependencies) =>
  async (
    request: { userPoolId: string; jobId: string; signature: string },
    pieces: AsyncIterable<string>,
  ): Promise<CsvUploadOutcome> => {
    const expected = deps.secretHasher.hash(`${request.userPoolId}/${request.jobId}`, UPLOAD_PURPOSE);
    if (!constantTimeEqual(expected, request.signature)) return "bad-signature";
    const jobs = deps.storage.userImportJobs;
    const job = await jobs.findImportJob(request.userPoolId, request.jobId);
    if (!job) return "no-such-job";
    if (job.status !== "Created") return "job-not-created";
    await jobs.clearUploadedCsv(job.jobId);
    let seq = 0;
    for await (const piece of pieces) {
      if (piece.length === 0) continue;
      if (seq >= MAX_PIECES) throw new Error("the upload is larger than Cognate accepts");
      await jobs.appendUploadedCsv(job.jobId, seq++, piece);
    }
    return "stored";
  };
