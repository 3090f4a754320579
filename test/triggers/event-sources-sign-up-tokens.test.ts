import type {
  InboundFederationTriggerEvent,
  PostConfirmationTriggerEvent,
  PreSignUpTriggerEvent,
  PreTokenGenerationV3TriggerEvent,
} from "aws-lambda";
import { describe, expect, it } from "vitest";
import { runInboundFederation } from "../../src/app/triggers/inbound-federation.js";
import { runPostConfirmation } from "../../src/app/triggers/post-confirmation.js";
import { runPreSignUp } from "../../src/app/triggers/pre-sign-up.js";
import {
  customizeClientCredentialsClaims,
  preTokenGenerationCustomizer,
  type TokenGenerationSource,
} from "../../src/app/triggers/pre-token-generation.js";
import type { Storage } from "../../src/ports/storage.js";
import {
  client,
  envelope,
  makePool,
  recorder,
  unaAttributes,
  user,
} from "./support/event-sources-fixtures.js";

// Every trigger source, at the hook the actions call: the events of actions other helpers own
// (ForgotPassword, ConfirmForgotPassword, attribute updates and verification, MFA and OTP codes, the
// hosted UI, device sign-in, client credentials, federation) are checked here field by field, through a
// recording invoker, with the same hook functions those actions will call.

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
