import { createHmac, createPublicKey } from "node:crypto";
import { GetUserCommand, UpdateUserPoolClientCommand } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import {
  basic,
  CALLBACK,
  createOAuthFixture,
  decodeJwt,
  endpointsOf,
  LOGOUT_URL,
  type OAuthFixture,
  postForm,
} from "./oauth2-setup.js";

// The endpoints that take tokens, under attack (RFC 8725 §2.1/§3.1, RFC 7009, RFC 7662, RFC 6750, OIDC
// RP-initiated logout): alg=none and HS256-confused tokens everywhere, revocation and introspection rules,
// userInfo's scope check, logout redirecting only to registered URLs.

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const backends = await testBackends();

describe.each(backends)("token endpoints under attack on %s", (backend) => {
  let server: TestServer;
  let fixture: OAuthFixture;
  let endpoints: ReturnType<typeof endpointsOf>;
  const token = (form: Record<string, string>, headers: Record<string, string> = {}) =>
    endpoints.token(form, headers);
  const codeFor = (overrides: Record<string, string> = {}) => endpoints.codeFor(overrides);
  const redeem = (code: string, extra: Record<string, string> = {}) => endpoints.redeem(code, extra);
  const userInfo = (accessToken: string) => endpoints.userInfo(accessToken);
  const introspect = (value: string) => endpoints.introspect(value);

  beforeAll(async () => {
    server = await startTestServer({ backend });
    fixture = await createOAuthFixture(server);
    endpoints = endpointsOf(fixture);
  });
  afterAll(async () => {
    await fixture?.application.close();
    await server.stop();
  });

  it("rejects alg=none and HS256-confused tokens at every endpoint that takes a token", async () => {
    const issued = (await redeem(await codeFor())).json as { access_token: string; id_token: string };
    const [header, payload] = issued.access_token.split(".");
    const kid = (JSON.parse(Buffer.from(header ?? "", "base64url").toString()) as { kid: string }).kid;
    const jwks = (await (await fetch(`${fixture.issuer}/.well-known/jwks.json`)).json()) as {
      keys: Array<Record<string, string>>;
    };
    const jwk = jwks.keys.find((key) => key.kid === kid);
    const pem = createPublicKey({ key: jwk as never, format: "jwk" }).export({ type: "spki", format: "pem" });
    const forge = (claims: string, alg: string, secret?: string | Buffer) => {
      const head = b64({ kid, alg, typ: "JWT" });
      const signature = secret
        ? createHmac("sha256", secret).update(`${head}.${claims}`).digest("base64url")
        : "";
      return `${head}.${claims}.${signature}`;
    };
    const elevated = b64({ ...decodeJwt(issued.access_token), username: "admin" });
    const forged = [
      forge(payload ?? "", "none"),
      forge(elevated, "none"),
      `${b64({ alg: "none" })}.${payload}.`,
      forge(payload ?? "", "HS256", pem),
      forge(payload ?? "", "HS256", JSON.stringify(jwk)),
      forge(payload ?? "", "HS256", jwk?.n ?? ""),
      `${header}.${elevated}.${issued.access_token.split(".")[2]}`,
      `${header}.${payload}.`,
    ];
    for (const bad of forged) {
      const info = await userInfo(bad);
      expect(info.status, bad).toBe(401);
      expect(info.headers.get("www-authenticate")).toMatch(/invalid_token/);
      expect((await introspect(bad)).json, bad).toEqual({ active: false });
      await expect(
        server.adminClient().send(new GetUserCommand({ AccessToken: bad })),
        bad,
      ).rejects.toMatchObject({
        name: "NotAuthorizedException",
      });
    }
    // The genuine token still works: only the forgeries were refused.
    expect((await userInfo(issued.access_token)).status).toBe(200);

    const [idHeader, idPayload] = issued.id_token.split(".");
    const idKid = (JSON.parse(Buffer.from(idHeader ?? "", "base64url").toString()) as { kid: string }).kid;
    const forgedHints = [
      `${b64({ kid: idKid, alg: "none" })}.${idPayload}.`,
      `${b64({ kid: idKid, alg: "HS256" })}.${idPayload}.${createHmac("sha256", pem).update("x").digest("base64url")}`,
    ];
    for (const hint of forgedHints) {
      const query = new URLSearchParams({ id_token_hint: hint, post_logout_redirect_uri: LOGOUT_URL });
      const response = await fetch(`${fixture.issuer}/logout?${query}`, { redirect: "manual" });
      expect(response.status).toBe(400);
      expect(response.headers.get("location")).toBeNull();
    }
  });

  it("revokes refresh tokens only, for their own client, as Cognito's revocation endpoint", async () => {
    const issued = (await redeem(await codeFor())).json as { access_token: string; refresh_token: string };
    const revoke = (form: Record<string, string>, headers: Record<string, string> = {}) =>
      postForm(`${fixture.issuer}/oauth2/revoke`, form, headers);
    expect(
      (await revoke({ client_id: fixture.spa.clientId, token: issued.access_token })).json,
    ).toMatchObject({
      error: "unsupported_token_type",
    });
    expect((await revoke({ client_id: fixture.spa.clientId })).json).toMatchObject({
      error: "invalid_request",
    });
    expect((await revoke({ client_id: fixture.spa.clientId, token: "A".repeat(64) })).status).toBe(200);
    const foreign = await revoke(
      { token: issued.refresh_token },
      basic(fixture.web.clientId, fixture.web.clientSecret),
    );
    expect(foreign.json).toMatchObject({ error: "invalid_grant" });
    expect((await revoke({ token: issued.refresh_token }, basic(fixture.web.clientId, "nope"))).status).toBe(
      401,
    );
    expect((await userInfo(issued.access_token)).status).toBe(200);
    const done = await revoke({ client_id: fixture.spa.clientId, token: issued.refresh_token });
    expect(done.status).toBe(200);
    expect(done.text).toBe("");
    expect((await userInfo(issued.access_token)).status).toBe(401);
    expect((await revoke({ client_id: fixture.spa.clientId, token: issued.refresh_token })).status).toBe(200);

    await server.adminClient().send(
      new UpdateUserPoolClientCommand({
        UserPoolId: fixture.userPoolId,
        ClientId: fixture.m2m.clientId,
        ClientName: "m2m",
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["client_credentials"],
        AllowedOAuthScopes: ["orders/read", "orders/write"],
        EnableTokenRevocation: false,
      }),
    );
    const disabled = await revoke(
      { token: "A".repeat(64) },
      basic(fixture.m2m.clientId, fixture.m2m.clientSecret),
    );
    expect(disabled.json).toMatchObject({ error: "invalid_request" });
  });

  it("introspects for authenticated clients only, and only their own tokens for public clients", async () => {
    const issued = (await redeem(await codeFor())).json as {
      access_token: string;
      refresh_token: string;
      id_token: string;
    };
    const noClient = await postForm(`${fixture.issuer}/oauth2/introspect`, { token: issued.access_token });
    expect(noClient.status).toBe(401);
    expect(noClient.json).toMatchObject({ error: "invalid_client" });
    const own = await postForm(`${fixture.issuer}/oauth2/introspect`, {
      token: issued.access_token,
      client_id: fixture.spa.clientId,
    });
    expect(own.json).toMatchObject({
      active: true,
      client_id: fixture.spa.clientId,
      exp: expect.any(Number),
    });
    const foreignPublic = await postForm(`${fixture.issuer}/oauth2/introspect`, {
      token: (
        (
          await token(
            { grant_type: "client_credentials" },
            basic(fixture.m2m.clientId, fixture.m2m.clientSecret),
          )
        ).json as {
          access_token: string;
        }
      ).access_token,
      client_id: fixture.spa.clientId,
    });
    expect(foreignPublic.json).toEqual({ active: false });
    expect((await introspect(issued.access_token)).json).toMatchObject({ active: true, username: "alice" });
    expect((await introspect(issued.refresh_token)).json).toMatchObject({
      active: true,
      client_id: fixture.spa.clientId,
    });
    expect((await introspect(issued.id_token)).json).toEqual({ active: false });
    expect((await introspect("garbage")).json).toEqual({ active: false });
    expect(
      (
        await postForm(
          `${fixture.issuer}/oauth2/introspect`,
          {},
          basic(fixture.m2m.clientId, fixture.m2m.clientSecret),
        )
      ).json,
    ).toMatchObject({
      error: "invalid_request",
    });
  });

  it("refuses userInfo without a token, or with one lacking openid", async () => {
    const none = await fetch(`${fixture.issuer}/oauth2/userInfo`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const issued = (await redeem(await codeFor({ scope: "aws.cognito.signin.user.admin" }))).json as {
      access_token: string;
      id_token?: string;
    };
    expect(issued.id_token).toBeUndefined();
    const noOpenid = await userInfo(issued.access_token);
    expect(noOpenid.status).toBe(403);
    expect(noOpenid.headers.get("www-authenticate")).toMatch(/insufficient_scope/);
    const viaPost = await postForm(
      `${fixture.issuer}/oauth2/userInfo`,
      {},
      { authorization: `Bearer ${issued.access_token}` },
    );
    expect(viaPost.status).toBe(403);
    const m2m = (
      await token({ grant_type: "client_credentials" }, basic(fixture.m2m.clientId, fixture.m2m.clientSecret))
    ).json as {
      access_token: string;
    };
    expect((await userInfo(m2m.access_token)).status).toBe(401);
  });

  it("logs out in Cognito's style and in OIDC's, redirecting only to registered URLs", async () => {
    const logout = (query: Record<string, string>) =>
      fetch(`${fixture.issuer}/logout?${new URLSearchParams(query)}`, { redirect: "manual" });
    const cognito = await logout({ client_id: fixture.spa.clientId, logout_uri: LOGOUT_URL });
    expect(cognito.status).toBe(302);
    expect(cognito.headers.get("location")).toBe(LOGOUT_URL);
    const unregistered = await logout({
      client_id: fixture.spa.clientId,
      logout_uri: "https://evil.example.com/",
    });
    expect(unregistered.status).toBe(400);
    expect(unregistered.headers.get("location")).toBeNull();
    expect(unregistered.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    expect(await unregistered.text()).toMatch(/not a sign-out URL/);
    const again = await logout({
      client_id: fixture.spa.clientId,
      redirect_uri: CALLBACK,
      response_type: "code",
      state: "s",
    });
    expect(again.status).toBe(302);
    const next = new URL(again.headers.get("location") ?? "", fixture.issuer);
    expect(next.pathname).toBe(`/${fixture.userPoolId}/oauth2/authorize`);
    expect(Object.fromEntries(next.searchParams)).toEqual({
      client_id: fixture.spa.clientId,
      redirect_uri: CALLBACK,
      response_type: "code",
      state: "s",
    });
    expect((await logout({ logout_uri: LOGOUT_URL })).status).toBe(400);

    const issued = (await redeem(await codeFor())).json as { id_token: string };
    const oidc = await logout({
      id_token_hint: issued.id_token,
      post_logout_redirect_uri: LOGOUT_URL,
      state: "bye",
    });
    expect(oidc.status).toBe(302);
    expect(oidc.headers.get("location")).toBe(`${LOGOUT_URL}?state=bye`);
    const mismatch = await logout({
      id_token_hint: issued.id_token,
      client_id: fixture.web.clientId,
      post_logout_redirect_uri: LOGOUT_URL,
    });
    expect(mismatch.status).toBe(400);
    const orphan = await logout({ post_logout_redirect_uri: LOGOUT_URL });
    expect(orphan.status).toBe(400);
    const pageOnly = await logout({ id_token_hint: issued.id_token });
    expect(pageOnly.status).toBe(200);
    expect(await pageOnly.text()).toMatch(/signed out/);
  });
});
