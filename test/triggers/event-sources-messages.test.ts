import type {
  CustomEmailSenderTriggerEvent,
  CustomMessageTriggerEvent,
  UserMigrationTriggerEvent,
} from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptCode } from "../../examples/triggers/lib/cognate-code.mjs";
import { runCustomMessage } from "../../src/app/triggers/custom-message.js";
import { runCustomSender } from "../../src/app/triggers/custom-sender.js";
import { runUserMigration } from "../../src/app/triggers/user-migration.js";
import type { MessageKind } from "../../src/domain/messages/message-kind.js";
import type { Storage } from "../../src/ports/storage.js";
import { contractAdapters } from "../storage/adapters.js";
import {
  client,
  envelope,
  KMS_KEY,
  makePool,
  recorder,
  SECRET,
  unaAttributes,
  user,
} from "./support/event-sources-fixtures.js";

// Every trigger source, at the hook the actions call: the events of actions other helpers own
// (ForgotPassword, ConfirmForgotPassword, attribute updates and verification, MFA and OTP codes, the
// hosted UI, device sign-in, client credentials, federation) are checked here field by field, through a
// recording invoker, with the same hook functions those actions will call.

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
