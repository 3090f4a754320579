import { CreateUserPoolClientCommand } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthorizationValidation } from "../../src/app/oauth2/authorization-contract.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { CALLBACK, createOAuthFixture, type OAuthFixture } from "./oauth2-setup.js";

// The authorization request's rules (RFC 6749 §4.1.2.1, RFC 9700 §2.1 and §4.1, RFC 7636): a bad client or
// redirect_uri is never redirected to (at least 50 redirect-URI mutations), later errors go back to the
// verified redirect_uri with state and iss, implicit is off unless the client allows it, PKCE is S256 only
// and required for public clients. Checked on the engine the hosted UI drives and, once the hosted UI mounts
// GET /oauth2/authorize, on the wire too.

const backends = await testBackends();
const CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

const MUTATIONS = [
  "https://APP.example.com/callback",
  "https://app.example.com/Callback",
  "https://app.example.com/CALLBACK",
  "HTTPS://app.example.com/callback",
  "https://app.example.com/callback/",
  "https://app.example.com/callback/extra",
  "https://app.example.com/callbac",
  "https://app.example.com/callbackx",
  "https://app.example.com/callback?",
  "https://app.example.com/callback?x=1",
  "https://app.example.com/callback?redirect=https://evil.com",
  "https://app.example.com/callback&redirect_uri=https://evil.com",
  "https://app.example.com/callback#",
  "https://app.example.com/callback#frag",
  "https://evil.com@app.example.com/callback",
  "https://app.example.com@evil.com/callback",
  "https://app.example.com:443/callback",
  "https://app.example.com:8443/callback",
  "https://app.example.com:/callback",
  "http://app.example.com/callback",
  "wss://app.example.com/callback",
  "https://app.example.com.evil.com/callback",
  "https://evil.app.example.com/callback",
  "https://app.example.com./callback",
  "https://app.example.com/callback/../callback",
  "https://app.example.com/./callback",
  "https://app.example.com//callback",
  "https://app.example.com/%63allback",
  "https://app.example.com/callback%2F",
  "https://app.example.com/callback%00",
  "https://app.example.com/callback%23x",
  "https://app.example.com/callback;x",
  "https://app.example.com/callback..;/",
  "https://app.example.com\\@evil.com/callback",
  "https://app.example.com%2Fevil.com/callback",
  "https://\u0430pp.example.com/callback",
  "https://xn--pp-8cd.example.com/callback",
  " https://app.example.com/callback",
  "https://app.example.com/callback ",
  "https://app.example.com/callback\t",
  "//app.example.com/callback",
  "/callback",
  "app.example.com/callback",
  "javascript:alert(1)//https://app.example.com/callback",
  "data:text/html,https://app.example.com/callback",
  "https://127.0.0.1/callback",
  "",
  "http://localhost:3001/cb",
  "http://localhost/cb",
  "http://127.0.0.1:3000/cb",
  "http://[::1]:3000/cb",
  "http://localhost.evil.com:3000/cb",
  "http://localhost:3000/cb/",
  "https://localhost:3000/cb",
  "http://LOCALHOST:3000/cb",
  "http://localhost:3000@evil.com/cb",
  "http://evil.com#@localhost:3000/cb",
  "myapp://callback/",
  "MYAPP://callback",
  "myapp://Callback",
  "myapp:/callback",
  "myapp://callback.evil",
  "otherapp://callback",
  "myapp://evil@callback",
];

const redirectOf = (validation: AuthorizationValidation) => {
  if (validation.ok || validation.kind !== "redirect")
    throw new Error(`expected a redirect: ${JSON.stringify(validation)}`);
  return new URL(validation.location);
};

describe.each(backends)("/oauth2/authorize rules on %s", (backend) => {
  let server: TestServer;
  let fixture: OAuthFixture;
  let uiMounted = false;
  const base = (overrides: Record<string, string> = {}) => ({
    response_type: "code",
    client_id: fixture.spa.clientId,
    redirect_uri: CALLBACK,
    scope: "openid",
    state: "st-1",
    code_challenge: CHALLENGE,
    code_challenge_method: "S256",
    ...overrides,
  });
  const validate = (query: Record<string, string>) => fixture.engine.validate(fixture.userPoolId, query);

  beforeAll(async () => {
    server = await startTestServer({ backend });
    fixture = await createOAuthFixture(server);
    const probe = await fetch(`${fixture.issuer}/oauth2/authorize`, { redirect: "manual" });
    uiMounted = probe.status !== 404;
  });
  afterAll(async () => {
    await fixture?.application.close();
    await server.stop();
  });

  it(`never redirects to any of ${MUTATIONS.length} mutated redirect URIs`, async () => {
    expect(MUTATIONS.length).toBeGreaterThanOrEqual(50);
    expect(new Set(MUTATIONS).size).toBe(MUTATIONS.length);
    for (const redirectUri of MUTATIONS) {
      const validation = await validate(base({ redirect_uri: redirectUri }));
      expect(validation, redirectUri).toMatchObject({ ok: false, kind: "page", status: 400 });
      if (uiMounted) {
        const query = new URLSearchParams(base({ redirect_uri: redirectUri }));
        const response = await fetch(`${fixture.issuer}/oauth2/authorize?${query}`, { redirect: "manual" });
        expect(response.headers.get("location"), redirectUri).toBeNull();
        expect(response.status, redirectUri).toBeGreaterThanOrEqual(400);
      }
    }
    // The registered URIs themselves pass.
    for (const registered of [CALLBACK, "http://localhost:3000/cb", "myapp://callback"]) {
      expect((await validate(base({ redirect_uri: registered }))).ok, registered).toBe(true);
    }
  });

  it("shows an error page, never a redirect, for an unknown client or a client of another pool", async () => {
    for (const clientId of ["", "nosuchclient00000000000000", fixture.apiClientId]) {
      const validation = await validate(base({ client_id: clientId }));
      expect(validation, clientId).toMatchObject({ ok: false, kind: "page" });
    }
    const otherPool = await fixture.engine.validate("us-east-1_Other0000", base());
    expect(otherPool).toMatchObject({ ok: false, kind: "page" });
    const noRedirect = await validate(base({ redirect_uri: "" }));
    expect(noRedirect).toMatchObject({ ok: false, kind: "page" });
  });

  it("redirects later errors to the verified redirect_uri with state and iss", async () => {
    const missingType = redirectOf(await validate(base({ response_type: "" })));
    expect(missingType.origin + missingType.pathname).toBe(CALLBACK);
    expect(Object.fromEntries(missingType.searchParams)).toMatchObject({
      error: "invalid_request",
      state: "st-1",
      iss: fixture.issuer,
    });
    const unknownType = redirectOf(await validate(base({ response_type: "id_token" })));
    expect(unknownType.searchParams.get("error")).toBe("unsupported_response_type");
    const badScope = redirectOf(await validate(base({ scope: "openid orders/write" })));
    expect(badScope.searchParams.get("error")).toBe("invalid_scope");
    const emailAlone = redirectOf(await validate(base({ scope: "email" })));
    expect(emailAlone.searchParams.get("error")).toBe("invalid_scope");
    const unknownScope = redirectOf(await validate(base({ scope: "openid nowhere/read" })));
    expect(unknownScope.searchParams.get("error")).toBe("invalid_scope");
    const badPrompt = redirectOf(await validate(base({ prompt: "always" })));
    expect(badPrompt.searchParams.get("error")).toBe("invalid_request");
    const badIdp = redirectOf(await validate(base({ identity_provider: "Google" })));
    expect(badIdp.searchParams.get("error")).toBe("invalid_request");
  });

  it("keeps implicit off unless the client allows it, and answers it in the fragment", async () => {
    const web = redirectOf(
      await validate(
        base({
          client_id: fixture.web.clientId,
          response_type: "token",
          code_challenge: "",
          code_challenge_method: "",
        }),
      ),
    );
    expect(web.search).toBe("");
    const fragment = new URLSearchParams(web.hash.slice(1));
    expect(fragment.get("error")).toBe("unauthorized_client");
    expect(fragment.get("state")).toBe("st-1");
    const spa = await validate({
      response_type: "token",
      client_id: fixture.spa.clientId,
      redirect_uri: CALLBACK,
      scope: "openid",
    });
    expect(spa.ok).toBe(true);
  });

  it("refuses clients not enabled for OAuth", async () => {
    const created = await server.adminClient().send(
      new CreateUserPoolClientCommand({
        UserPoolId: fixture.userPoolId,
        ClientName: "no-oauth",
        CallbackURLs: [CALLBACK],
        AllowedOAuthFlows: ["code"],
        AllowedOAuthScopes: ["openid"],
        AllowedOAuthFlowsUserPoolClient: false,
      }),
    );
    const refused = redirectOf(await validate(base({ client_id: created.UserPoolClient?.ClientId ?? "" })));
    expect(refused.searchParams.get("error")).toBe("unauthorized_client");
  });

  it("accepts PKCE S256 only, and requires it from public clients", async () => {
    const plain = redirectOf(await validate(base({ code_challenge_method: "plain" })));
    expect(plain.searchParams.get("error")).toBe("invalid_request");
    const noMethod = { ...base() } as Record<string, string>;
    delete noMethod.code_challenge_method;
    expect(redirectOf(await validate(noMethod)).searchParams.get("error")).toBe("invalid_request");
    const noChallenge = { ...base() } as Record<string, string>;
    delete noChallenge.code_challenge;
    expect(redirectOf(await validate(noChallenge)).searchParams.get("error")).toBe("invalid_request");
    const short = redirectOf(await validate(base({ code_challenge: "abc" })));
    expect(short.searchParams.get("error")).toBe("invalid_request");
    const publicWithout = { ...base() } as Record<string, string>;
    delete publicWithout.code_challenge;
    delete publicWithout.code_challenge_method;
    const refused = redirectOf(await validate(publicWithout));
    expect(refused.searchParams.get("error_description")).toMatch(/PKCE/);
    // A confidential client may go without.
    expect((await validate({ ...publicWithout, client_id: fixture.web.clientId })).ok).toBe(true);
  });

  it("grants every allowed scope when none is asked, and carries the request's details", async () => {
    const query = base({ nonce: "n1", prompt: "login", lang: "de", login_hint: "alice" }) as Record<
      string,
      string
    >;
    delete query.scope;
    const validation = await validate(query);
    if (!validation.ok) throw new Error("expected a valid request");
    expect(validation.request.scopes).toEqual([
      "aws.cognito.signin.user.admin",
      "email",
      "openid",
      "orders/read",
      "phone",
      "profile",
    ]);
    expect(validation.request).toMatchObject({
      responseType: "code",
      redirectUri: CALLBACK,
      state: "st-1",
      nonce: "n1",
      codeChallenge: CHALLENGE,
      codeChallengeMethod: "S256",
      prompt: "login",
      lang: "de",
      loginHint: "alice",
    });
    const none = await validate(base({ prompt: "none" }));
    if (!none.ok) throw new Error("expected a valid request");
    const location = new URL(fixture.engine.loginRequired(none.request));
    expect(Object.fromEntries(location.searchParams)).toEqual({
      error: "login_required",
      state: "st-1",
      iss: fixture.issuer,
    });
  });

  it("binds the issued code to everything the token endpoint checks", async () => {
    const validation = await validate(base({ nonce: "bound" }));
    if (!validation.ok) throw new Error("expected a valid request");
    const completion = await fixture.engine.complete(
      validation.request,
      fixture.user,
      new Date(1_700_000_000_000),
    );
    const location = new URL(completion.location);
    const code = location.searchParams.get("code") ?? "";
    expect(code).toMatch(/^[0-9a-f-]{36}$/);
    expect(location.searchParams.get("state")).toBe("st-1");
    const { createHash } = await import("node:crypto");
    const stored = await fixture.application.dependencies.storage.authorizationCodes.findAuthorizationCode(
      createHash("sha256").update(code).digest("base64url"),
    );
    expect(stored).toMatchObject({
      clientId: fixture.spa.clientId,
      redirectUri: CALLBACK,
      codeChallenge: CHALLENGE,
      nonce: "bound",
      scopes: ["openid"],
      sub: fixture.user.sub,
      authTime: new Date(1_700_000_000_000),
      consumedAt: null,
    });
    expect((stored?.expiresAt.getTime() ?? 0) - (stored?.createdAt.getTime() ?? 0)).toBe(300_000);
  });
});
