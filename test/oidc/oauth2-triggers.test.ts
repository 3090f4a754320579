import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { type RecordingWebhook, startRecordingWebhook } from "../triggers/support/webhooks.js";
import { basic, createOAuthFixture, decodeJwt, endpointsOf, type OAuthFixture } from "./oauth2-setup.js";

// The pre-token-generation trigger (V3) on the OAuth endpoints: TokenGeneration_HostedAuth for the code
// exchange, TokenGeneration_RefreshTokens for grant_type=refresh_token, TokenGeneration_ClientCredentials
// for machine tokens; what it adds ends up in the signed tokens.

const backends = await testBackends();
const SECRET = "oauth-trigger-secret-0123456789ab";

describe.each(backends)("pre-token generation at the token endpoint on %s", (backend) => {
  let server: TestServer;
  let hook: RecordingWebhook;
  let fixture: OAuthFixture;

  beforeAll(async () => {
    hook = await startRecordingWebhook(SECRET, (event) => ({
      ...event,
      response: {
        claimsAndScopeOverrideDetails: {
          accessTokenGeneration: { claimsToAddOrOverride: { tenant: `via-${event.triggerSource}` } },
          idTokenGeneration: { claimsToAddOrOverride: { tier: "gold" } },
        },
      },
    }));
    server = await startTestServer({ backend, env: { COGNATE_WEBHOOK_ALLOW_PRIVATE: "true" } });
    fixture = await createOAuthFixture(server, undefined, {
      LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: "V3_0", LambdaArn: hook.url } },
      UserPoolTags: { "cognate:trigger-secret": SECRET },
    });
  });
  afterAll(async () => {
    await fixture?.application.close();
    await server?.stop();
    await hook?.close();
  });

  it("runs for the code exchange, the refresh and client_credentials", async () => {
    const endpoints = endpointsOf(fixture);
    const exchanged = (await endpoints.redeem(await endpoints.codeFor())).json as Record<string, string>;
    expect(decodeJwt(exchanged.access_token ?? "").tenant).toBe("via-TokenGeneration_HostedAuth");
    expect(decodeJwt(exchanged.id_token ?? "").tier).toBe("gold");
    const hosted = hook.events("TokenGeneration_HostedAuth").at(-1);
    expect(hosted).toMatchObject({ callerContext: { clientId: fixture.spa.clientId }, userName: "alice" });
    expect(hosted.request.scopes).toEqual(expect.arrayContaining(["openid", "email"]));

    const refreshed = (
      await endpoints.token({
        grant_type: "refresh_token",
        client_id: fixture.spa.clientId,
        refresh_token: exchanged.refresh_token ?? "",
      })
    ).json as Record<string, string>;
    expect(decodeJwt(refreshed.access_token ?? "").tenant).toBe("via-TokenGeneration_RefreshTokens");

    const machine = (
      await endpoints.token(
        { grant_type: "client_credentials" },
        basic(fixture.m2m.clientId, fixture.m2m.clientSecret),
      )
    ).json as Record<string, string>;
    expect(decodeJwt(machine.access_token ?? "")).toMatchObject({
      tenant: "via-TokenGeneration_ClientCredentials",
      sub: fixture.m2m.clientId,
    });
    expect(hook.events("TokenGeneration_ClientCredentials").at(-1)).toMatchObject({
      callerContext: { clientId: fixture.m2m.clientId },
    });
  });
});
