import type {
  CustomEmailSenderTriggerEvent,
  CustomMessageTriggerEvent,
  InboundFederationTriggerEvent,
  PostConfirmationTriggerEvent,
  PreSignUpTriggerEvent,
  PreTokenGenerationV3TriggerEvent,
  UserMigrationTriggerEvent,
} from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptCode } from "../../examples/triggers/lib/cognate-code.mjs";
import { runCustomMessage } from "../../src/app/triggers/custom-message.js";
import { runCustomSender } from "../../src/app/triggers/custom-sender.js";
import { runInboundFederation } from "../../src/app/triggers/inbound-federation.js";
import { runPostConfirmation } from "../../src/app/triggers/post-confirmation.js";
import { runPreSignUp } from "../../src/app/triggers/pre-sign-up.js";
import {
  customizeClientCredentialsClaims,
  preTokenGenerationCustomizer,
  type TokenGenerationSource,
} from "../../src/app/triggers/pre-token-generation.js";
import { createTriggers, type Triggers } from "../../src/app/triggers/triggers.js";
import { runUserMigration } from "../../src/app/triggers/user-migration.js";
import type { MessageKind } from "../../src/domain/messages/message-kind.js";
import type { User } from "../../src/domain/user/user.js";
import { createUserPoolSettings } from "../../src/domain/user-pool/pool-settings.js";
import type { UserPool } from "../../src/domain/user-pool/user-pool.js";
import type { UserPoolClient } from "../../src/domain/user-pool-client/user-pool-client.js";
import { createHmacSecretHasher } from "../../src/integrations/crypto/hmac-secret-hasher.js";
import type { Storage } from "../../src/ports/storage.js";
import type { TriggerInvocation } from "../../src/ports/trigger-invoker.js";
import type { JsonObject } from "../../src/shared/json.js";
import { contractAdapters } from "../storage/adapters.js";

// Every trigger source, at the hook the actions call: the events of actions other helpers own
// (ForgotPassword, ConfirmForgotPassword, attribute updates and verification, MFA and OTP codes, the
// hosted UI, device sign-in, client credentials, federation) are checked here field by field, through a
// recording invoker, with the same hook functions those actions will call.

const SECRET = "sources-trigger-secret-0123456789";
const KMS_KEY = "arn:aws:kms:us-east-1:000000000000:key/abcd";

function recorder(respond: (event: JsonObject) => unknown = (event) => event) {
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

const everyTrigger = Object.fromEntries(
  ["PreSignUp", "CustomMessage", "PostConfirmation", "UserMigration", "PreTokenGeneration"].map((name) => [
    name,
    "https://hooks.example.com/trigger",
  ]),
);

function makePool(lambdaConfig: JsonObject = everyTrigger): UserPool {
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

const client = {
  clientId: "client0123456789abcdefghij",
  userPoolId: "eu-west-1_Sources01",
  settings: {},
} as unknown as UserPoolClient;

const user: User = {
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
const unaAttributes = {
  sub: user.sub,
  email: "una@mail.example",
  email_verified: "true",
  "custom:team": "blue",
  "cognito:email_alias": "una@mail.example",
  "cognito:user_status": "CONFIRMED",
};
const envelope = <Source extends string>(
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

describe("every CustomMessage and custom sender source", () => {
  const kinds: MessageKind[] = [
    "SignUp",
    "AdminCreateUser",
    "ResendCode",
    "ForgotPassword",
    "UpdateUserAttribute",
    "VerifyUserAttribute",
    "Authentication",
  ];

  it.each(kinds)("CustomMessage_%s", async (kind) => {
    const { triggers, last } = recorder((event) => ({
      ...event,
      response: { emailSubject: "S", emailMessage: "M {####}", smsMessage: null },
    }));
    const out = await runCustomMessage(
      { triggers },
      { pool: makePool(), kind, user, clientId: client.clientId, clientMetadata: { k: "v" } },
    );
    expect(out).toEqual({ emailSubject: "S", emailMessage: "M {####}" });
    const expected: CustomMessageTriggerEvent = {
      ...envelope(`CustomMessage_${kind}`),
      request: {
        userAttributes: unaAttributes,
        codeParameter: "{####}",
        linkParameter: "{##Click Here##}",
        usernameParameter: kind === "AdminCreateUser" ? "{username}" : null,
        clientMetadata: { k: "v" },
      },
      response: { smsMessage: null, emailMessage: null, emailSubject: null },
    } as CustomMessageTriggerEvent;
    expect(last()).toEqual(expected);
  });

  it.each(kinds.flatMap((kind) => [["email", kind] as const, ["sms", kind] as const]))(
    "Custom%sSender_%s carries the code encrypted under the pool's key",
    async (channel, kind) => {
      const pool = makePool({
        KMSKeyID: KMS_KEY,
        CustomEmailSender: { LambdaVersion: "V1_0", LambdaArn: "https://hooks.example.com/email" },
        CustomSMSSender: { LambdaVersion: "V1_0", LambdaArn: "https://hooks.example.com/sms" },
      });
      const { triggers, calls, last } = recorder(() => null);
      let counter = 0;
      const random = { bytes: (n: number) => new Uint8Array(n).fill(++counter), uuid: () => "x" } as never;
      await runCustomSender(
        { triggers, random },
        { pool, channel, kind, user, code: "654321", clientId: client.clientId },
      );
      const trigger = channel === "email" ? "CustomEmailSender" : "CustomSMSSender";
      const event = last() as CustomEmailSenderTriggerEvent;
      expect(event).toEqual({
        ...envelope(`${trigger}_${kind}`),
        request: {
          type: channel === "email" ? "customEmailSenderRequestV1" : "customSMSSenderRequestV1",
          code: expect.any(String),
          userAttributes: unaAttributes,
        },
        response: {},
      });
      expect(event.request.code).not.toContain("654321");
      expect(decryptCode(event.request.code ?? "", { secret: SECRET, keyId: KMS_KEY })).toBe("654321");
      expect(calls.at(-1)).toMatchObject({ trigger, kmsKeyId: KMS_KEY, secret: SECRET });
    },
  );
});

describe("PreSignUp, PostConfirmation, PreTokenGeneration and InboundFederation sources", () => {
  it.each(["PreSignUp_SignUp", "PreSignUp_AdminCreateUser", "PreSignUp_ExternalProvider"] as const)(
    "%s",
    async (source) => {
      const { triggers, last } = recorder((event) => ({
        ...event,
        response: { autoConfirmUser: true, autoVerifyPhone: null },
      }));
      const decision = await runPreSignUp(
        { triggers },
        {
          pool: makePool(),
          source,
          userName: "Google_123",
          userAttributes: { email: "g@mail.example" },
          clientMetadata: { a: "1" },
        },
      );
      expect(decision).toEqual({ autoConfirmUser: true, autoVerifyEmail: false, autoVerifyPhone: false });
      expect(last()).toEqual({
        ...envelope(source, "Google_123", "CLIENT_ID_NOT_APPLICABLE"),
        request: { userAttributes: { email: "g@mail.example" }, clientMetadata: { a: "1" } },
        response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
      } satisfies PreSignUpTriggerEvent);
    },
  );

  it.each(["PostConfirmation_ConfirmSignUp", "PostConfirmation_ConfirmForgotPassword"] as const)(
    "%s",
    async (source) => {
      const { triggers, last } = recorder();
      await runPostConfirmation(
        { triggers },
        { pool: makePool(), source, user, clientId: client.clientId, clientMetadata: { r: "s" } },
      );
      expect(last()).toEqual({
        ...envelope(source),
        request: { userAttributes: unaAttributes, clientMetadata: { r: "s" } },
        response: {},
      } satisfies PostConfirmationTriggerEvent);
    },
  );

  const sources: TokenGenerationSource[] = [
    "TokenGeneration_HostedAuth",
    "TokenGeneration_Authentication",
    "TokenGeneration_NewPasswordChallenge",
    "TokenGeneration_AuthenticateDevice",
    "TokenGeneration_RefreshTokens",
  ];
  it.each(sources)("%s (V1 and V2 events)", async (source) => {
    for (const version of ["V1_0", "V2_0"] as const) {
      const pool = makePool({
        PreTokenGenerationConfig: { LambdaVersion: version, LambdaArn: "https://hooks.example.com/t" },
      });
      const { triggers, last } = recorder();
      const customize = preTokenGenerationCustomizer(
        { triggers, storage: {} as Storage },
        { pool, client, source, user, groups: [], clientMetadata: { m: "n" } },
      );
      const claims = { idToken: { sub: user.sub }, accessToken: { sub: user.sub, scope: "openid email" } };
      expect(await customize?.(claims)).toEqual(claims);
      const v2 = version === "V2_0";
      expect(last()).toEqual({
        ...envelope(source, "una", client.clientId, v2 ? "2" : "1"),
        request: {
          userAttributes: unaAttributes,
          groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
          ...(v2 ? { scopes: ["openid", "email"] } : {}),
          clientMetadata: { m: "n" },
        },
        response: v2 ? { claimsAndScopeOverrideDetails: null } : { claimsOverrideDetails: null },
      });
    }
  });

  it("TokenGeneration_ClientCredentials runs only for V3_0 and customises the machine's access token", async () => {
    const v2 = recorder();
    const pool2 = makePool({
      PreTokenGenerationConfig: { LambdaVersion: "V2_0", LambdaArn: "https://hooks.example.com/t" },
    });
    const token = {
      sub: client.clientId,
      client_id: client.clientId,
      scope: "orders/read",
      token_use: "access",
    };
    expect(
      await customizeClientCredentialsClaims(
        { triggers: v2.triggers, storage: {} as Storage },
        { pool: pool2, client },
        token,
      ),
    ).toEqual(token);
    expect(v2.calls).toHaveLength(0);

    const v3 = recorder((event) => ({
      ...event,
      response: {
        claimsAndScopeOverrideDetails: {
          accessTokenGeneration: {
            claimsToAddOrOverride: { partner: "acme" },
            scopesToAdd: ["orders/write"],
          },
        },
      },
    }));
    const pool3 = makePool({
      PreTokenGenerationConfig: { LambdaVersion: "V3_0", LambdaArn: "https://hooks.example.com/t" },
    });
    const out = await customizeClientCredentialsClaims(
      { triggers: v3.triggers, storage: {} as Storage },
      { pool: pool3, client, clientMetadata: { via: "token-endpoint" } },
      token,
    );
    expect(out).toEqual({ ...token, partner: "acme", scope: "orders/read orders/write" });
    expect(v3.last()).toEqual({
      ...envelope("TokenGeneration_ClientCredentials", client.clientId, client.clientId, "3"),
      request: {
        userAttributes: {},
        groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
        scopes: ["orders/read"],
        clientMetadata: { via: "token-endpoint" },
      },
      response: { claimsAndScopeOverrideDetails: null },
    } as unknown as PreTokenGenerationV3TriggerEvent);
  });

  it("InboundFederation_ExternalProvider", async () => {
    const pool = makePool({
      InboundFederation: { LambdaVersion: "V1_0", LambdaArn: "https://hooks.example.com/f" },
    });
    const { triggers, last } = recorder((event) => ({
      ...event,
      response: { userAttributesToMap: { email: "f@idp.example" } },
    }));
    const mapped = await runInboundFederation(
      { triggers },
      {
        pool,
        clientId: client.clientId,
        userName: "Google_123",
        providerName: "Google",
        providerType: "Google",
        attributes: { idToken: { email: "f@idp.example", sub: "123" }, userInfo: { name: "F" } },
      },
    );
    expect(mapped).toEqual({ email: "f@idp.example" });
    expect(last()).toEqual({
      ...envelope("InboundFederation_ExternalProvider", "Google_123"),
      request: {
        providerName: "Google",
        providerType: "Google",
        attributes: { idToken: { email: "f@idp.example", sub: "123" }, userInfo: { name: "F" } },
      },
      response: { userAttributesToMap: null },
    } as unknown as InboundFederationTriggerEvent);
  });
});

describe.each(await contractAdapters())("UserMigration_ForgotPassword on %s", (_name, makeAdapter) => {
  const adapter = makeAdapter();
  let storage: Storage;
  beforeAll(async () => {
    storage = await adapter.open();
    await storage.userPools.insertUserPool(makePool());
  });
  afterAll(async () => {
    await storage.close();
    await adapter.cleanup();
  });

  it("creates the user RESET_REQUIRED, without a password, from the returned attributes", async () => {
    const { triggers, last } = recorder((event) => ({
      ...event,
      response: {
        userAttributes: { email: "vic@legacy.example", email_verified: "true" },
        finalUserStatus: "CONFIRMED",
      },
    }));
    const created = await runUserMigration(
      {
        triggers,
        storage,
        random: {
          uuid: () => "99999999-2222-4333-8444-555555555555",
          bytes: (n: number) => new Uint8Array(n),
        },
        clock: { now: () => new Date("2030-01-01T00:00:00Z") },
        passwords: {} as never,
        codes: {} as never,
      },
      {
        pool: makePool(),
        client,
        source: "UserMigration_ForgotPassword",
        userName: "vic",
        clientMetadata: { from: "forgot" },
      },
    );
    expect(last()).toEqual({
      ...envelope("UserMigration_ForgotPassword", "vic"),
      request: { clientMetadata: { from: "forgot" } },
      response: {
        userAttributes: null,
        forceAliasCreation: null,
        enableSMSMFA: null,
        finalUserStatus: null,
        messageAction: null,
        desiredDeliveryMediums: null,
      },
    } as unknown as UserMigrationTriggerEvent);
    expect(created).toMatchObject({ username: "vic", status: "RESET_REQUIRED", password: null });
    const stored = await storage.users.findUserBySub(
      "eu-west-1_Sources01",
      "99999999-2222-4333-8444-555555555555",
    );
    expect(stored).toMatchObject({
      username: "vic",
      status: "RESET_REQUIRED",
      attributes: { email: "vic@legacy.example", email_verified: "true" },
    });
  });
});
