import {
  AdminUserGlobalSignOutCommand,
  CreateUserPoolDomainCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfirmedUser } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { type CallbackServer, startCallbackServer } from "./support/callback-server.js";
import { csrfFrom, FormClient, getWithHost } from "./support/form-client.js";
import { expectHardened, type HostedUiPool, hostedUiPool } from "./support/hosted-ui-pool.js";
import { authorizeUrl, pkcePair } from "./support/oauth-client.js";

// Browser hardening of the hosted UI (security.md S13), without a browser: the headers of every page,
// error page and redirect; CSRF (every form POST without this browser's token is 403, and so is a
// cross-site one); the cookies' attributes; the SSO session id rotating at sign-in; a pool domain's root.

const backends = await testBackends();
const PASSWORD = "Corr3ct-Horse!battery";
const FORMS = [
  "/login",
  "/signup",
  "/confirm",
  "/resendCode",
  "/forgotPassword",
  "/confirmforgotPassword",
  "/challenge",
];

describe.each(backends)("hosted UI hardening on %s", (backend) => {
  let server: TestServer;
  let callback: CallbackServer;
  let pool: HostedUiPool;
  let query: string;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    callback = await startCallbackServer();
    pool = await hostedUiPool(server, callback);
    await createConfirmedUser(server.adminClient(), pool, "erin", PASSWORD, [
      { Name: "email", Value: "erin@example.com" },
    ]);
    query = new URL(
      authorizeUrl(pool.base, {
        clientId: pool.clientId,
        redirectUri: callback.callbackUrl,
        state: "s",
        challenge: pkcePair().challenge,
      }),
    ).search;
  });
  afterAll(async () => {
    await callback?.close();
    await server?.stop();
  });

  it("sends CSP with frame-ancestors, nosniff, Referrer-Policy and COOP on every page, error and redirect", async () => {
    const client = new FormClient();
    const urls = [
      `${pool.base}/login${query}`,
      `${pool.base}/signup${query}`,
      `${pool.base}/confirm${query}&username=erin`,
      `${pool.base}/forgotPassword${query}`,
      `${pool.base}/confirmforgotPassword${query}&username=erin`,
      `${pool.base}/confirmUser?client_id=${pool.clientId}&user_name=erin&confirmation_code=1`,
      `${pool.base}/login?client_id=${pool.clientId}&redirect_uri=https://evil.example/cb&response_type=code`,
      `${server.url}/us-east-1_Nope12345/login${query}`,
      `${server.url}/login?client_id=unknown`,
      `${pool.base}/oauth2/authorize${query}`,
    ];
    for (const url of urls) {
      const response = await client.get(url, { origin: "https://app.example" });
      expect([200, 302, 400, 404], url).toContain(response.status);
      expectHardened(response.headers);
      if (response.status !== 302)
        expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    }
    const login = await client.get(`${pool.base}/login${query}`);
    // The login form may post on to the app's origin: browsers apply form-action to the redirect.
    expect(login.headers.get("content-security-policy")).toContain(
      `form-action 'self' ${new URL(callback.callbackUrl).origin}`,
    );
    expect(login.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 403 to every form POST without the CSRF token, with a foreign token, or from another site", async () => {
    const client = new FormClient();
    const page = await client.get(`${pool.base}/login${query}`);
    const token = csrfFrom(page.body);
    expect(token).not.toBe("");
    for (const path of FORMS) {
      const url = `${pool.base}${path}${query}`;
      const stranger = new FormClient();
      const noCookie = await stranger.post(url, { _csrf: token, username: "erin", password: PASSWORD });
      expect(noCookie.status, `${path} without cookie`).toBe(403);
      expectHardened(noCookie.headers);
      expect(noCookie.body).toContain('data-message-id="error.csrf"');
      const noToken = await client.post(url, { username: "erin", password: PASSWORD });
      expect(noToken.status, `${path} without token`).toBe(403);
      const wrongToken = await client.post(url, {
        _csrf: `${token.slice(0, -2)}xx`,
        username: "erin",
        password: PASSWORD,
      });
      expect(wrongToken.status, `${path} with a wrong token`).toBe(403);
      const crossSite = await client.post(
        url,
        { _csrf: token, username: "erin", password: PASSWORD },
        { origin: "https://evil.example" },
      );
      expect(crossSite.status, `${path} from another origin`).toBe(403);
    }
    const wrongPassword = await client.post(`${pool.base}/login${query}`, {
      _csrf: token,
      username: "erin",
      password: "nope-nope",
    });
    expect(wrongPassword.status).toBe(400);
    expect(wrongPassword.body).toContain('data-message-id="login.incorrect"');
  });

  it("sets HttpOnly SameSite=Lax cookies and rotates the SSO session id at every sign-in", async () => {
    const client = new FormClient();
    const page = await client.get(`${pool.base}/login${query}`);
    expect(page.setCookies.find((cookie) => cookie.startsWith("cognate-csrf="))).toMatch(
      /; Path=\/; HttpOnly; SameSite=Lax/,
    );
    const signedIn = await client.post(`${pool.base}/login${query}`, {
      _csrf: csrfFrom(page.body),
      username: "erin",
      password: PASSWORD,
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("location")).toMatch(new RegExp(`^${callback.callbackUrl}\\?code=`));
    const ssoName = `cognate-sso-${pool.userPoolId}`;
    const sso = signedIn.setCookies.find((cookie) => cookie.startsWith(`${ssoName}=`)) ?? "";
    expect(sso).toMatch(/HttpOnly; SameSite=Lax; Max-Age=3\d{3}$/);
    const firstId = client.cookies.get(ssoName) ?? "";
    expect(firstId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The CSRF secret rotates too.
    expect(signedIn.setCookies.some((cookie) => cookie.startsWith("cognate-csrf="))).toBe(true);

    const resumed = await client.get(`${pool.base}/oauth2/authorize${query}`);
    expect(resumed.status).toBe(302);
    expect(resumed.headers.get("location")).toMatch(new RegExp(`^${callback.callbackUrl}\\?code=`));

    const again = await client.get(`${pool.base}/login${query}&prompt=login`);
    const second = await client.post(`${pool.base}/login${query}&prompt=login`, {
      _csrf: csrfFrom(again.body),
      username: "erin",
      password: PASSWORD,
    });
    expect(second.status).toBe(303);
    const secondId = client.cookies.get(ssoName) ?? "";
    expect(secondId).not.toBe(firstId);

    const withOldId = new FormClient();
    withOldId.cookies.set(ssoName, firstId);
    const stale = await withOldId.get(`${pool.base}/oauth2/authorize${query}`);
    expect(stale.headers.get("location")).toBe(`/${pool.userPoolId}/login${query}`);

    // A global sign-out ends the SSO session as well.
    await server
      .adminClient()
      .send(new AdminUserGlobalSignOutCommand({ UserPoolId: pool.userPoolId, Username: "erin" }));
    const afterSignOut = await client.get(`${pool.base}/oauth2/authorize${query}`);
    expect(afterSignOut.headers.get("location")).toBe(`/${pool.userPoolId}/login${query}`);
  });

  it("serves the pages at the root of the pool's domain, found by Host", async () => {
    const prefix = `hui${Math.random().toString(36).slice(2, 10)}`;
    await server
      .adminClient()
      .send(new CreateUserPoolDomainCommand({ UserPoolId: pool.userPoolId, Domain: prefix }));
    const response = await getWithHost(`${server.url}/login${query}`, `${prefix}.auth.localhost`);
    expect(response.status).toBe(200);
    expect(response.body).toContain(`action="/login?`);
    const redirect = await getWithHost(`${server.url}/oauth2/authorize${query}`, `${prefix}.auth.localhost`);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.location).toBe(`/login${query}`);
  });

  it("uses __Host- cookies with Secure when the public URL is https", async () => {
    const secure = await startTestServer({
      backend,
      env: { COGNATE_PUBLIC_URL: "https://login.example.test" },
    });
    try {
      const securePool = await hostedUiPool(secure, callback);
      const secureQuery = new URL(
        authorizeUrl(securePool.base, {
          clientId: securePool.clientId,
          redirectUri: callback.callbackUrl,
          state: "s",
          challenge: pkcePair().challenge,
        }),
      ).search;
      const page = await new FormClient().get(`${securePool.base}/login${secureQuery}`);
      expect(page.status).toBe(200);
      expect(page.setCookies.find((cookie) => cookie.startsWith("__Host-cognate-csrf="))).toMatch(
        /; Path=\/; HttpOnly; SameSite=Lax; Secure/,
      );
    } finally {
      await secure.stop();
    }
  });
});
