import { AdminInitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { createRemoteJWKSet, jwtVerify } from "jose";
import * as client from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import {
  authorize,
  CALLBACK,
  createOAuthFixture,
  decodeJwt,
  type OAuthFixture,
  PASSWORD,
} from "./oauth2-setup.js";

// openid-client (the certified RP library) against a live server: discovery, client_credentials with a
// custom scope, and the authorization code flow with PKCE (the authorization step through the engine the
// hosted UI drives), code exchange, ID token checks, userInfo, refresh, introspection and revocation.

const backends = await testBackends();
const insecure = { execute: [client.allowInsecureRequests] };

describe.each(backends)("OIDC provider with openid-client on %s", (backend) => {
  let server: TestServer;
  let fixture: OAuthFixture;
  const discover = (clientId: string, auth: client.ClientAuth = client.None()) =>
    client.discovery(new URL(fixture.issuer), clientId, undefined, auth, insecure);

  beforeAll(async () => {
    server = await startTestServer({ backend });
    fixture = await createOAuthFixture(server);
  });
  afterAll(async () => {
    await fixture?.application.close();
    await server.stop();
  });

  it("discovers the pool as an OpenID provider", async () => {
    const config = await discover(fixture.spa.clientId);
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(fixture.issuer);
    expect(metadata).toMatchObject({
      authorization_endpoint: `${fixture.issuer}/oauth2/authorize`,
      token_endpoint: `${fixture.issuer}/oauth2/token`,
      userinfo_endpoint: `${fixture.issuer}/oauth2/userInfo`,
      revocation_endpoint: `${fixture.issuer}/oauth2/revoke`,
      introspection_endpoint: `${fixture.issuer}/oauth2/introspect`,
      end_session_endpoint: `${fixture.issuer}/logout`,
      jwks_uri: `${fixture.issuer}/.well-known/jwks.json`,
      response_types_supported: ["code", "token"],
      grant_types_supported: ["authorization_code", "implicit", "refresh_token", "client_credentials"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      scopes_supported: ["openid", "email", "phone", "profile"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      authorization_response_iss_parameter_supported: true,
    });
    expect(metadata.claims_supported).toEqual(
      expect.arrayContaining(["sub", "email", "email_verified", "cognito:groups"]),
    );
    // RFC 8414's location for an issuer with a path serves the same document.
    const rfc8414 = await client.discovery(
      new URL(fixture.issuer),
      fixture.spa.clientId,
      undefined,
      client.None(),
      {
        ...insecure,
        algorithm: "oauth2",
      },
    );
    expect(rfc8414.serverMetadata().token_endpoint).toBe(metadata.token_endpoint);
    const unknown = await fetch(`${server.url}/us-east-1_NoSuchPool/.well-known/openid-configuration`);
    expect(unknown.status).toBe(404);
  });

  it("grants client_credentials with a custom scope, as Cognito's M2M token", async () => {
    const config = await discover(fixture.m2m.clientId, client.ClientSecretBasic(fixture.m2m.clientSecret));
    const granted = await client.clientCredentialsGrant(config, { scope: "orders/read" });
    expect(granted.token_type.toLowerCase()).toBe("bearer");
    expect(granted.expires_in).toBe(3600);
    expect(granted.refresh_token).toBeUndefined();
    expect(granted.id_token).toBeUndefined();
    const jwks = createRemoteJWKSet(new URL(`${fixture.issuer}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(granted.access_token, jwks, {
      issuer: fixture.issuer,
      algorithms: ["RS256"],
    });
    expect(protectedHeader.alg).toBe("RS256");
    expect(Object.keys(payload)).toEqual([
      "sub",
      "token_use",
      "scope",
      "auth_time",
      "iss",
      "exp",
      "iat",
      "version",
      "jti",
      "client_id",
    ]);
    expect(payload).toMatchObject({
      sub: fixture.m2m.clientId,
      client_id: fixture.m2m.clientId,
      token_use: "access",
      scope: "orders/read",
      version: 2,
    });
    // No scope asked: every custom scope the client allows.
    const all = await client.clientCredentialsGrant(config);
    expect(decodeJwt(all.access_token).scope).toBe("orders/read orders/write");
    // client_secret_post works too, and introspection sees the token as active.
    const post = await discover(fixture.m2m.clientId, client.ClientSecretPost(fixture.m2m.clientSecret));
    const introspected = await client.tokenIntrospection(post, granted.access_token);
    expect(introspected).toMatchObject({
      active: true,
      client_id: fixture.m2m.clientId,
      sub: fixture.m2m.clientId,
      scope: "orders/read",
      token_use: "access",
    });
    expect(introspected.username).toBeUndefined();
    // A scope the client is not allowed, a standard scope, and an unknown one are invalid_scope.
    for (const scope of ["orders/delete", "openid", "nowhere/read"]) {
      await expect(client.clientCredentialsGrant(config, { scope })).rejects.toMatchObject({
        error: "invalid_scope",
      });
    }
    // The user-facing client may not use this grant.
    const spa = await discover(fixture.spa.clientId);
    await expect(client.clientCredentialsGrant(spa)).rejects.toMatchObject({ error: "unauthorized_client" });
  });

  it("runs the code flow with PKCE: exchange, ID token, userInfo, refresh, introspection, revocation", async () => {
    const config = await discover(fixture.spa.clientId);
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: "openid email profile aws.cognito.signin.user.admin",
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    expect(url.href.startsWith(`${fixture.issuer}/oauth2/authorize?`)).toBe(true);
    const callback = await authorize(fixture, Object.fromEntries(url.searchParams));
    expect(callback.origin + callback.pathname).toBe(CALLBACK);
    expect(callback.searchParams.get("iss")).toBe(fixture.issuer);

    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
    expect(tokens.token_type.toLowerCase()).toBe("bearer");
    expect(tokens.refresh_token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    const claims = tokens.claims();
    expect(claims).toMatchObject({
      iss: fixture.issuer,
      aud: fixture.spa.clientId,
      sub: fixture.user.sub,
      nonce,
      token_use: "id",
      "cognito:username": "alice",
      email: "alice@example.com",
      email_verified: true,
      name: "Alice Liddell",
    });
    expect(typeof claims?.at_hash).toBe("string");
    const access = decodeJwt(tokens.access_token);
    expect(access).toMatchObject({
      client_id: fixture.spa.clientId,
      username: "alice",
      version: 2,
      token_use: "access",
      scope: "aws.cognito.signin.user.admin email openid profile",
    });

    const info = await client.fetchUserInfo(config, tokens.access_token, fixture.user.sub);
    expect(info).toMatchObject({
      sub: fixture.user.sub,
      username: "alice",
      email: "alice@example.com",
      email_verified: "true",
      name: "Alice Liddell",
    });

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token ?? "");
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.refresh_token).toBeUndefined();
    expect(decodeJwt(refreshed.id_token ?? "")).toMatchObject({
      sub: fixture.user.sub,
      auth_time: claims?.auth_time,
    });
    expect(decodeJwt(refreshed.access_token).origin_jti).toBe(access.origin_jti);

    expect(await client.tokenIntrospection(config, tokens.access_token)).toMatchObject({
      active: true,
      client_id: fixture.spa.clientId,
      username: "alice",
      sub: fixture.user.sub,
      token_type: "Bearer",
    });
    expect(await client.tokenIntrospection(config, tokens.refresh_token ?? "")).toMatchObject({
      active: true,
      client_id: fixture.spa.clientId,
      sub: fixture.user.sub,
    });

    await client.tokenRevocation(config, tokens.refresh_token ?? "");
    await expect(client.refreshTokenGrant(config, tokens.refresh_token ?? "")).rejects.toMatchObject({
      error: "invalid_grant",
    });
    expect(await client.tokenIntrospection(config, tokens.access_token)).toEqual({ active: false });
    expect(await client.tokenIntrospection(config, refreshed.access_token)).toEqual({ active: false });
    await expect(client.fetchUserInfo(config, refreshed.access_token, fixture.user.sub)).rejects.toThrow();
  });

  it("mints tokens with the claim shapes of InitiateAuth's (plus version, nonce, at_hash)", async () => {
    const api = await server.adminClient().send(
      new AdminInitiateAuthCommand({
        UserPoolId: fixture.userPoolId,
        ClientId: fixture.apiClientId,
        AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: fixture.username, PASSWORD },
      }),
    );
    const config = await discover(fixture.spa.clientId);
    const verifier = client.randomPKCECodeVerifier();
    const nonce = client.randomNonce();
    const callback = await authorize(fixture, {
      response_type: "code",
      client_id: fixture.spa.clientId,
      redirect_uri: CALLBACK,
      scope: "openid aws.cognito.signin.user.admin",
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      nonce,
    });
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedNonce: nonce,
    });
    const keys = (token: string | undefined) => Object.keys(decodeJwt(token ?? "")).sort();
    expect(keys(tokens.access_token)).toEqual(
      [...keys(api.AuthenticationResult?.AccessToken), "version"].sort(),
    );
    expect(keys(tokens.id_token)).toEqual(
      [...keys(api.AuthenticationResult?.IdToken), "at_hash", "nonce"].sort(),
    );
  });

  it("rotates refresh tokens for clients that enable it, and a reused one ends the session", async () => {
    const config = await discover(fixture.web.clientId, client.ClientSecretBasic(fixture.web.clientSecret));
    const callback = await authorize(fixture, {
      response_type: "code",
      client_id: fixture.web.clientId,
      redirect_uri: CALLBACK,
      scope: "openid email",
      state: "s1",
    });
    const tokens = await client.authorizationCodeGrant(config, callback, { expectedState: "s1" });
    // openid + email only: the ID token and userInfo carry just sub, email and email_verified.
    expect(tokens.claims()?.name).toBeUndefined();
    expect(tokens.claims()?.email).toBe("alice@example.com");
    const info = await client.fetchUserInfo(config, tokens.access_token, fixture.user.sub);
    expect(Object.keys(info).sort()).toEqual(["email", "email_verified", "sub", "username"]);

    const first = tokens.refresh_token ?? "";
    const rotated = await client.refreshTokenGrant(config, first);
    // The refreshed ID token is narrowed by the granted scopes exactly as the first one was.
    const firstClaims = decodeJwt(tokens.id_token ?? "");
    const refreshedClaims = decodeJwt(rotated.id_token ?? "");
    expect(firstClaims.name).toBeUndefined();
    expect(refreshedClaims.name).toBeUndefined();
    expect(refreshedClaims.email).toBe("alice@example.com");
    const attributeKeys = (claims: Record<string, unknown>) =>
      Object.keys(claims)
        .filter((key) => !["at_hash", "nonce", "iat", "exp", "jti", "event_id"].includes(key))
        .sort();
    expect(attributeKeys(refreshedClaims)).toEqual(attributeKeys(firstClaims));
    expect(rotated.refresh_token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(rotated.refresh_token).not.toBe(first);
    const again = await client.refreshTokenGrant(config, rotated.refresh_token ?? "");
    await expect(client.refreshTokenGrant(config, first)).rejects.toMatchObject({ error: "invalid_grant" });
    await expect(client.refreshTokenGrant(config, again.refresh_token ?? "")).rejects.toMatchObject({
      error: "invalid_grant",
    });
  });

  it("issues implicit tokens in the fragment for clients that allow it, without a refresh token", async () => {
    const nonce = "implicit-nonce";
    const location = await authorize(fixture, {
      response_type: "token",
      client_id: fixture.spa.clientId,
      redirect_uri: CALLBACK,
      scope: "openid phone",
      state: "xyz",
      nonce,
    });
    expect(location.search).toBe("");
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get("state")).toBe("xyz");
    expect(fragment.get("token_type")).toBe("Bearer");
    expect(fragment.get("expires_in")).toBe("3600");
    expect(fragment.get("refresh_token")).toBeNull();
    const idToken = decodeJwt(fragment.get("id_token") ?? "");
    expect(idToken).toMatchObject({ nonce, phone_number: "+15555550100", aud: fixture.spa.clientId });
    expect(idToken.email).toBeUndefined();
    expect(typeof idToken.at_hash).toBe("string");
    const config = await discover(fixture.spa.clientId);
    const info = await client.fetchUserInfo(config, fragment.get("access_token") ?? "", fixture.user.sub);
    expect(info.phone_number).toBe("+15555550100");
  });
});
