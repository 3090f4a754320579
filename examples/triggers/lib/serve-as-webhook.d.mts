/** A Lambda-style handler: async (event, context), or with a third callback(error, result) argument. */
export type LambdaHandler = (
  event: never,
  context: never,
  callback?: (error: unknown, result?: unknown) => void,
) => unknown;

export function verifySignature(
  secret: string,
  header: string | undefined,
  body: string,
  nowSeconds?: number,
): boolean;

export function serveAsWebhook(
  handler: LambdaHandler,
  options?: { secret?: string; port?: number; host?: string; functionName?: string },
): Promise<{ url: string; close(): Promise<void> }>;
