import { createTriggers, type Triggers } from "../../../src/app/triggers/triggers.js";
import type { User } from "../../../src/domain/user/user.js";
import { createUserPoolSettings } from "../../../src/domain/user-pool/pool-settings.js";
import type { UserPool } from "../../../src/domain/user-pool/user-pool.js";
import type { UserPoolClient } from "../../../src/domain/user-pool-client/user-pool-client.js";
import { createHmacSecretHasher } from "../../../src/integrations/crypto/hmac-secret-hasher.js";
import type { TriggerInvocation } from "../../../src/ports/trigger-invoker.js";
import type { JsonObject } from "../../../src/shared/json.js";

// The pool, client and user the event-sources tests run their hooks for, and a recording trigger invoker.

export const SECRET = "sources-trigger-secret-0123456789";
export const KMS_KEY = "arn:aws:kms:us-east-1:000000000000:key/abcd";

export function recorder(respond: (event: JsonObject) => unknown = (event) => event) {
  const calls: TriggerInvocation[] = [];
  const triggers: Triggers = createTriggers({
    invoker: {
      async invoke(invocation) {
        calls.push(invocation);
        return { outcome: "returned", value: respond(invocation.event) };
      },
      kindOf: () => "webhook",
      close: async () => {},
    },
    metrics: { observe: () => {} },
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    clock: { now: () => new Date("2030-01-01T00:00:00Z") },
    secretHasher: createHmacSecretHasher(Buffer.alloc(32, 1)),
    deployment: { region: "eu-west-1" },
  });
  // biome-ignore lint/suspicious/noExplicitAny: events are compared with the aws-lambda types below.
  return { triggers, calls, last: (): any => calls.at(-1)?.event };
}

export const everyTrigger = Object.fromEntries(
  ["PreSignUp", "CustomMessage", "PostConfirmation", "UserMigration", "PreTokenGeneration"].map((name) => [
    name,
    "https://hooks.example.com/trigger",
  ]),
);

export function makePool(lambdaConfig: JsonObject = everyTrigger): UserPool {
  return {
    id: "eu-west-1_Sources01",
    settings: {
      ...createUserPoolSettings(
        { PoolName: "sources", AliasAttributes: ["email"], LambdaConfig: lambdaConfig },
        "eu-west-1",
      ),
      UserPoolTags: { "cognate:trigger-secret": SECRET },
    },
    createdAt: new Date(0),
    lastModifiedAt: new Date(0),
  };
}

export const client = {
  clientId: "client0123456789abcdefghij",
  userPoolId: "eu-west-1_Sources01",
  settings: {},
} as unknown as UserPoolClient;

export const user: User = {
  userPoolId: "eu-west-1_Sources01",
  sub: "11111111-2222-4333-8444-555555555555",
  username: "una",
  status: "CONFIRMED",
  enabled: true,
  attributes: { email: "una@mail.example", email_verified: "true", "custom:team": "blue" },
  password: null,
  passwordHistory: [],
  temporaryPasswordExpiresAt: null,
  tokensRevokedAt: null,
  createdAt: new Date(0),
  lastModifiedAt: new Date(0),
};
export const unaAttributes = {
  sub: user.sub,
  email: "una@mail.example",
  email_verified: "true",
  "custom:team": "blue",
  "cognito:email_alias": "una@mail.example",
  "cognito:user_status": "CONFIRMED",
};
export const envelope = <Source extends string>(
  triggerSource: Source,
  userName = "una",
  clientId = client.clientId,
  version = "1",
) => ({
  version,
  triggerSource,
  region: "eu-west-1",
  userPoolId: "eu-west-1_Sources01",
  userName,
  callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId },
});
