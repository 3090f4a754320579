import { AdminCreateUserCommand } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfirmedUser } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { type RecordingWebhook, startRecordingWebhook } from "../triggers/support/webhooks.js";
import { type CallbackServer, startCallbackServer } from "./support/callback-server.js";
import { csrfFrom, FormClient } from "./support/form-client.js";
import { type HostedUiPool, hostedUiPool } from "./support/hosted-ui-pool.js";
import { authorizeUrl, decodeJwt, exchangeCode, pkcePair } from "./support/oauth-client.js";

// PreTokenGeneration runs exactly once per hosted-UI sign-in: as TokenGeneration_HostedAuth when the code
// is exchanged, never as TokenGeneration_Authentication for the sign-in engine's own (discarded) tokens.
// A counting webhook records every event; both the password page and a challenge page are covered.

const backends = await testBackends();
const SECRET = "hosted-trigger-secret-0123456789ab";
const PASSWORD = "Corr3ct-Horse!battery";
const TEMPORARY = "Temp0rary-Pass!word";

const unescapeHtml = (text: string) =>
  text
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&#96;", "`")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

/** The hidden inputs of a page's form (CSRF token included), as a browser would post them. */
const hiddenFields = (html: string) =>
  Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((match) => [
      match[1] ?? "",
      unescapeHtml(match[2] ?? ""),
    ]),
  );

describe.each(backends)("hosted UI and PreTokenGeneration on %s", (backend) => {
  let server: TestServer;
  let callback: CallbackServer;
  let hook: RecordingWebhook;
  let pool: HostedUiPool;

  const tokenEvents = () =>
    hook.calls
      .map((call) => String(call.event.triggerSource))
      .filter((source) => source.startsWith("TokenGeneration_"));

  beforeAll(async () => {
    hook = await startRecordingWebhook(SECRET, (event) => ({
      ...event,
      response: { claimsOverrideDetails: { claimsToAddOrOverride: { via: event.triggerSource } } },
    }));
    server = await startTestServer({ backend, env: { COGNATE_WEBHOOK_ALLOW_PRIVATE: "true" } });
    callback = await startCallbackServer();
    pool = await hostedUiPool(server, callback, {
      LambdaConfig: { PreTokenGeneration: hook.url },
      UserPoolTags: { "cognate:trigger-secret": SECRET },
    });
    await createConfirmedUser(server.adminClient(), pool, "alice", PASSWORD, [
      { Name: "email", Value: "alice@example.com" },
      { Name: "email_verified", Value: "true" },
    ]);
  });
  afterAll(async () => {
    await callback?.close();
    await server?.stop();
    await hook?.close();
  });

  /**
   * Drives authorize -> /login -> (the NEW_PASSWORD_REQUIRED page, when `newPassword` is given) -> code ->
   * token, as a browser posting the pages' forms would, and returns the ID token's claims.
   */
  async function hostedSignIn(username: string, password: string, newPassword?: string) {
    const client = new FormClient();
    const pkce = pkcePair();
    const authorize = authorizeUrl(pool.base, {
      clientId: pool.clientId,
      redirectUri: callback.callbackUrl,
      state: "st",
      challenge: pkce.challenge,
    });
    const toLogin = await client.get(authorize);
    const loginUrl = new URL(toLogin.headers.get("location") ?? "", server.url).href;
    const login = await client.get(loginUrl);
    let answer = await client.post(loginUrl, { _csrf: csrfFrom(login.body), username, password });
    if (newPassword !== undefined) {
      expect(answer.status).toBe(200);
      expect(answer.body).toContain('data-challenge="NEW_PASSWORD_REQUIRED"');
      const action = unescapeHtml(/<form method="post" action="([^"]+)"/.exec(answer.body)?.[1] ?? "");
      answer = await client.post(new URL(action, server.url).href, {
        ...hiddenFields(answer.body),
        password: newPassword,
        confirm_password: newPassword,
      });
    }
    expect(answer.status).toBe(303);
    const code = new URL(answer.headers.get("location") ?? "").searchParams.get("code") ?? "";
    const exchanged = await exchangeCode(pool.base, {
      clientId: pool.clientId,
      code,
      redirectUri: callback.callbackUrl,
      verifier: pkce.verifier,
    });
    expect(exchanged.status).toBe(200);
    return decodeJwt(String(exchanged.body.id_token));
  }

  it("runs once, as TokenGeneration_HostedAuth, for a password sign-in", async () => {
    hook.calls.length = 0;
    const claims = await hostedSignIn("alice", PASSWORD);
    expect(claims.via).toBe("TokenGeneration_HostedAuth");
    expect(tokenEvents()).toEqual(["TokenGeneration_HostedAuth"]);
  });

  it("runs once after a challenge page (NEW_PASSWORD_REQUIRED) too", async () => {
    await server.adminClient().send(
      new AdminCreateUserCommand({
        UserPoolId: pool.userPoolId,
        Username: "bob",
        TemporaryPassword: TEMPORARY,
        MessageAction: "SUPPRESS",
        UserAttributes: [
          { Name: "email", Value: "bob@example.com" },
          { Name: "email_verified", Value: "true" },
        ],
      }),
    );
    hook.calls.length = 0;
    const claims = await hostedSignIn("bob", TEMPORARY, "Final-0ne-Pass!word");
    expect(claims["cognito:username"]).toBe("bob");
    expect(claims.via).toBe("TokenGeneration_HostedAuth");
    expect(tokenEvents()).toEqual(["TokenGeneration_HostedAuth"]);
  });
});
