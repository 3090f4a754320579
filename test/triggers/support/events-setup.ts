import { afterAll, beforeAll } from "vitest";
import { createPoolAndClient } from "../../support/pool-setup.js";
import type { Backend } from "../../support/server.js";
import { extendSuite, useTestServer } from "../../support/suite-server.js";
import { type RecordingWebhook, startRecordingWebhook } from "./webhooks.js";

export const SECRET = "events-trigger-secret-0123456789";
export const PASSWORD = "Corr3ct-Horse-Battery!";
export const KMS_KEY = "arn:aws:kms:us-east-1:000000000000:key/11111111-2222-3333-4444-555555555555";

export const envelope = <Source extends string>(
  triggerSource: Source,
  userPoolId: string,
  userName: string,
  clientId?: string,
) => ({
  version: "1",
  triggerSource,
  region: "us-east-1",
  userPoolId,
  userName,
  callerContext: {
    awsSdkVersion: "aws-sdk-unknown-unknown",
    clientId: clientId ?? "CLIENT_ID_NOT_APPLICABLE",
  },
});

/** A server for the enclosing describe block that may call private webhooks, and a webhook recording every event. */
export function useTriggerEvents(backend: Backend) {
  let hook: RecordingWebhook;
  beforeAll(async () => {
    hook = await startRecordingWebhook(SECRET);
  });
  afterAll(async () => {
    await hook.close();
  });
  const ctx = useTestServer({ backend, env: { COGNATE_WEBHOOK_ALLOW_PRIVATE: "true" } });

  const everyTrigger = () => ({
    PreSignUp: hook.url,
    PostConfirmation: hook.url,
    PreAuthentication: hook.url,
    PostAuthentication: hook.url,
    CustomMessage: hook.url,
    UserMigration: hook.url,
    PreTokenGeneration: hook.url,
  });
  const pool = (lambdaConfig: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    createPoolAndClient(ctx.cognito, {
      LambdaConfig: lambdaConfig,
      UserPoolTags: { "cognate:trigger-secret": SECRET },
      AutoVerifiedAttributes: ["email"],
      AliasAttributes: ["email"],
      ...extra,
    });
  const last = (source: string) => hook.events(source).at(-1);

  return extendSuite(ctx, {
    /** The admin SDK client (the same as `cognito`). */
    get admin() {
      return ctx.cognito;
    },
    get hook() {
      return hook;
    },
    everyTrigger,
    pool,
    last,
  });
}
