import {
  AdminAddUserToGroupCommand,
  AdminInitiateAuthCommand,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  GetUserCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfirmedUser, createPoolAndClient } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { type RecordingWebhook, startRecordingWebhook } from "./support/webhooks.js";

// PreTokenGeneration V1 (ID token claims, group overrides) and V2 (ID and access token claims, scopes),
// applied to signed tokens that still verify against the pool's JWKS, on sign-in and on refresh.

const backends = await testBackends();
const SECRET = "tokens-trigger-secret-0123456789";
const PASSWORD = "Corr3ct-Horse-Battery!";
const ROLE_A = "arn:aws:iam::000000000000:role/readers";
const ROLE_B = "arn:aws:iam::000000000000:role/writers";

describe.each(backends)("PreTokenGeneration on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let hook: RecordingWebhook;

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { COGNATE_WEBHOOK_ALLOW_PRIVATE: "true" } });
    admin = server.adminClient();
    hook = await startRecordingWebhook(SECRET);
  });
  afterAll(async () => {
    await server.stop();
    await hook.close();
  });

  async function poolWithTrigger(version: "V1_0" | "V2_0") {
    const ids = await createPoolAndClient(admin, {
      LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: version, LambdaArn: hook.url } },
      UserPoolTags: { "cognate:trigger-secret": SECRET },
    });
    await createConfirmedUser(admin, ids, "tess", PASSWORD, [
      { Name: "email", Value: "tess@mail.example" },
      { Name: "family_name", Value: "Tester" },
    ]);
    await admin.send(
      new CreateGroupCommand({
        UserPoolId: ids.userPoolId,
        GroupName: "readers",
        RoleArn: ROLE_A,
        Precedence: 1,
      }),
    );
    await admin.send(
      new AdminAddUserToGroupCommand({ UserPoolId: ids.userPoolId, Username: "tess", GroupName: "readers" }),
    );
    return ids;
  }

  async function signIn(ids: { userPoolId: string; clientId: string }) {
    const out = await admin.send(
      new AdminInitiateAuthCommand({
        UserPoolId: ids.userPoolId,
        ClientId: ids.clientId,
        AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "tess", PASSWORD },
      }),
    );
    const jwks = createRemoteJWKSet(new URL(`${server.url}/${ids.userPoolId}/.well-known/jwks.json`));
    const id = (await jwtVerify(out.AuthenticationResult?.IdToken ?? "", jwks)).payload;
    const access = (await jwtVerify(out.AuthenticationResult?.AccessToken ?? "", jwks)).payload;
    return { id, access, result: out.AuthenticationResult };
  }

  it("V1 adds, overrides and suppresses ID token claims and overrides groups and roles", async () => {
    const ids = await poolWithTrigger("V1_0");
    hook.respondWith((event) => {
      expect(event.request.groupConfiguration).toEqual({
        groupsToOverride: ["readers"],
        iamRolesToOverride: [ROLE_A],
        preferredRole: ROLE_A,
      });
      return {
        ...event,
        response: {
          claimsOverrideDetails: {
            claimsToAddOrOverride: { tier: "gold", family_name: "Override", sub: "not-allowed" },
            claimsToSuppress: ["email", "token_use"],
            groupOverrideDetails: {
              groupsToOverride: ["admins", "readers"],
              iamRolesToOverride: [ROLE_B],
              preferredRole: ROLE_B,
            },
          },
        },
      };
    });
    const { id, access } = await signIn(ids);
    expect(id).toMatchObject({
      tier: "gold",
      family_name: "Override",
      token_use: "id",
      "cognito:groups": ["admins", "readers"],
      "cognito:roles": [ROLE_B],
      "cognito:preferred_role": ROLE_B,
    });
    expect(id.email).toBeUndefined();
    expect(id.sub).not.toBe("not-allowed");
    expect(access["cognito:groups"]).toEqual(["admins", "readers"]);
    expect(access.tier).toBeUndefined();

    hook.respondWith((event) => ({
      ...event,
      response: { claimsOverrideDetails: { claimsToAddOrOverride: { list: ["a", "b"] } } },
    }));
    await expect(signIn(ids)).rejects.toMatchObject({
      name: "InvalidLambdaResponseException",
      message: "Unrecognizable lambda output",
    });
    hook.respondWith((event) => event);
  });

  it("V2 customises both tokens and the access token's scopes, on sign-in and on refresh", async () => {
    const ids = await poolWithTrigger("V2_0");
    hook.respondWith((event) => ({
      ...event,
      response: {
        claimsAndScopeOverrideDetails: {
          idTokenGeneration: {
            claimsToAddOrOverride: { plan: { name: "pro", seats: 5 } },
            claimsToSuppress: ["family_name"],
          },
          accessTokenGeneration: {
            claimsToAddOrOverride: { tenant: "acme", client_id: "forged" },
            claimsToSuppress: ["username"],
            scopesToAdd: ["orders/read"],
            scopesToSuppress: ["phone"],
          },
          groupOverrideDetails: { groupsToOverride: [] },
        },
      },
    }));
    const { id, access, result } = await signIn(ids);
    expect(id.plan).toEqual({ name: "pro", seats: 5 });
    expect(id.family_name).toBeUndefined();
    expect(id["cognito:groups"]).toBeUndefined();
    expect(access).toMatchObject({
      tenant: "acme",
      client_id: ids.clientId,
      username: "tess",
      scope: "aws.cognito.signin.user.admin orders/read",
    });
    expect(access["cognito:groups"]).toBeUndefined();
    expect(hook.events("TokenGeneration_Authentication").at(-1).request.scopes).toEqual([
      "aws.cognito.signin.user.admin",
    ]);
    // The customised access token still works where Cognate reads it.
    const me = await admin.send(new GetUserCommand({ AccessToken: result?.AccessToken }));
    expect(me.Username).toBe("tess");

    const refreshed = await admin.send(
      new InitiateAuthCommand({
        ClientId: ids.clientId,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN: result?.RefreshToken ?? "" },
      }),
    );
    const refreshedAccess = JSON.parse(
      Buffer.from(
        (refreshed.AuthenticationResult?.AccessToken ?? "").split(".")[1] ?? "",
        "base64url",
      ).toString(),
    );
    expect(refreshedAccess.tenant).toBe("acme");
    expect(hook.events("TokenGeneration_RefreshTokens").at(-1)).toMatchObject({
      version: "2",
      userName: "tess",
      request: { userAttributes: { email: "tess@mail.example", "cognito:user_status": "CONFIRMED" } },
    });
    hook.respondWith((event) => event);
  });

  it("a failing PreTokenGeneration issues no tokens", async () => {
    const ids = await poolWithTrigger("V1_0");
    hook.respondWith(() => {
      throw new Error("no tokens for you");
    });
    await expect(signIn(ids)).rejects.toMatchObject({
      name: "UserLambdaValidationException",
      message: "PreTokenGeneration failed with error no tokens for you.",
    });
    hook.respondWith((event) => event);
  });
});
