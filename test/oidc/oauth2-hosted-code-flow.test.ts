import * as client from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { CALLBACK, createOAuthFixture, LOGOUT_URL, type OAuthFixture, PASSWORD } from "./oauth2-setup.js";
import { csrfFrom, FormClient } from "./support/form-client.js";

// The whole authorization code flow over the wire, with the hosted UI's sign-in form standing between
// /oauth2/authorize and the callback: openid-client builds the request and redeems the code, a plain
// HTTP client (cookies, CSRF token, the `username` and `password` fields) signs in. Then SSO: a second
// authorize skips the form; after /logout it asks again. Needs the hosted UI mounted (GET /oauth2/authorize).

const backends = await testBackends();
/** The few character references the pages' templates produce in attributes. */
const unescapeHtml = (text: string) =>
  text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16)))
    .replaceAll("&quot;", '"')
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
const insecure = { execute: [client.allowInsecureRequests] };

describe.each(backends)("code flow through the hosted UI on %s", (backend) => {
  let server: TestServer;
  let fixture: OAuthFixture;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    fixture = await createOAuthFixture(server);
  });
  afterAll(async () => {
    await fixture?.application.close();
    await server.stop();
  });

  it("signs in through the form, redeems the code, and uses SSO until logout", async (context) => {
    const probe = await fetch(`${fixture.issuer}/oauth2/authorize`, { redirect: "manual" });
    if (probe.status === 404) context.skip();

    const config = await client.discovery(
      new URL(fixture.issuer),
      fixture.spa.clientId,
      undefined,
      client.None(),
      insecure,
    );
    const browser = new FormClient();
    const startFlow = async () => {
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: CALLBACK,
        scope: "openid email",
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
        state,
      });
      return { verifier, state, response: await browser.get(url.href) };
    };
    const redeem = (location: string, verifier: string, state: string) =>
      client.authorizationCodeGrant(config, new URL(location), {
        pkceCodeVerifier: verifier,
        expectedState: state,
      });

    // First visit: on to the sign-in page.
    const first = await startFlow();
    expect(first.response.status).toBeGreaterThanOrEqual(300);
    expect(first.response.status).toBeLessThan(400);
    const loginUrl = new URL(first.response.headers.get("location") ?? "", fixture.issuer);
    const loginPage = await browser.get(loginUrl.href);
    expect(loginPage.status).toBe(200);
    expect(loginPage.body).toMatch(/name="username"/);
    expect(loginPage.body).toMatch(/name="password"/);
    const csrf = csrfFrom(loginPage.body);
    expect(csrf).not.toBe("");
    const action = /<form[^>]*action="([^"]+)"/.exec(loginPage.body)?.[1] ?? "";
    const hidden = Object.fromEntries(
      [...loginPage.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((match) => [
        match[1],
        unescapeHtml(match[2] ?? ""),
      ]),
    );
    const submitted = await browser.post(new URL(unescapeHtml(action), loginUrl).href, {
      ...hidden,
      _csrf: csrf,
      username: fixture.username,
      password: PASSWORD,
    });
    expect(submitted.status).toBe(303);
    const callback = submitted.headers.get("location") ?? "";
    expect(callback.startsWith(`${CALLBACK}?`)).toBe(true);
    const tokens = await redeem(callback, first.verifier, first.state);
    expect(tokens.claims()).toMatchObject({ sub: fixture.user.sub, email: "alice@example.com" });
    const info = await client.fetchUserInfo(config, tokens.access_token, fixture.user.sub);
    expect(info.username).toBe("alice");

    // Second authorize in the same "browser": straight back to the app with a new code.
    const second = await startFlow();
    const silent = second.response.headers.get("location") ?? "";
    expect(silent.startsWith(`${CALLBACK}?`)).toBe(true);
    expect((await redeem(silent, second.verifier, second.state)).access_token).toEqual(expect.any(String));

    // Logout (Cognito's style) clears the SSO session: the next authorize asks again.
    const logout = await browser.get(
      `${fixture.issuer}/logout?${new URLSearchParams({ client_id: fixture.spa.clientId, logout_uri: LOGOUT_URL })}`,
    );
    expect(logout.status).toBe(302);
    expect(logout.headers.get("location")).toBe(LOGOUT_URL);
    const third = await startFlow();
    expect(new URL(third.response.headers.get("location") ?? "", fixture.issuer).pathname).toBe(
      `/${fixture.userPoolId}/login`,
    );
  });
});
