import type { IncomingMessage } from "node:http";
import type { FastifyInstance } from "fastify";
import type { CsvUploadOutcome } from "../../app/user-import/upload-csv.js";

/*
 * The PreSignedUrl of a user import job (Cognito's is an S3 URL; Cognate serves it itself):
 *   PUT /_cognate/user-import/{userPoolId}/{jobId}?X-Cognate-Signature=…   body: the CSV (any content type,
 *   e.g. `curl -T users.csv -H "x-amz-server-side-encryption:aws:kms" "$PRE_SIGNED_URL"` as AWS documents)
 * 200 stored; 403 wrong signature (S3's answer to a bad pre-signed URL); 404 unknown job; 409 the job was
 * already started. The body streams into storage in ~1 MB pieces of text, up to 100 MB (Cognito's limit).
 */

export type CsvUpload = (
  request: { userPoolId: string; jobId: string; signature: string },
  pieces: AsyncIterable<string>,
) => Promise<CsvUploadOutcome>;

const MAX_BYTES = 100 * 1024 * 1024;
const PIECE_CHARS = 1024 * 1024;

class TooLarge extends Error {}

/** Decodes the request body as UTF-8 (split characters are carried over) into pieces of about PIECE_CHARS. */
async function* textPieces(body: IncomingMessage): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  let pending = "";
  let bytes = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > MAX_BYTES) throw new TooLarge();
    pending += decoder.decode(chunk, { stream: true });
    if (pending.length >= PIECE_CHARS) {
      yield pending;
      pending = "";
    }
  }
  pending += decoder.decode();
  if (pending.length > 0) yield pending;
}

const STATUS: Record<CsvUploadOutcome, { code: number; message: string }> = {
  stored: { code: 200, message: "" },
  "bad-signature": { code: 403, message: "The request signature does not match this import job's URL." },
  "no-such-job": { code: 404, message: "No such user import job." },
  "job-not-created": { code: 409, message: "The import job has already been started; create a new job." },
};

export function registerUserImportUploadRoutes(app: FastifyInstance, upload: CsvUpload): void {
  // An encapsulated context: its body parser hands over the raw stream instead of buffering a string.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_request, payload, done) => done(null, payload));
    scope.put<{ Params: { userPoolId: string; jobId: string }; Querystring: Record<string, unknown> }>(
      "/_cognate/user-import/:userPoolId/:jobId",
      { bodyLimit: MAX_BYTES },
      async (request, reply) => {
        const signature = request.query["X-Cognate-Signature"];
        const body = (request.body ?? request.raw) as IncomingMessage;
        let outcome: CsvUploadOutcome;
        try {
          outcome = await upload(
            {
              userPoolId: request.params.userPoolId,
              jobId: request.params.jobId,
              signature: typeof signature === "string" ? signature : "",
            },
            textPieces(body),
          );
        } catch (error) {
          if (error instanceof TooLarge) {
            return reply.code(413).send({ message: "The CSV file is larger than 100 MB." });
          }
          throw error;
        }
        const status = STATUS[outcome];
        return status.code === 200
          ? reply.code(200).send()
          : reply.code(status.code).send({ message: status.message });
      },
    );
  });
}
