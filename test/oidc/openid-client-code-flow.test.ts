import { AdminInitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import * as client from "openid-client";
import { describe, expect, it } from "vitest";
import { testBackends } from "../support/server.js";
import { authorize, CALLBACK, decodeJwt, PASSWORD } from "./oauth2-setup.js";
import { useOpenIdProvider } from "./openid-client-setup.js";

// openid-client (the certified RP library) against a live server: discovery, client_credentials with a
// custom scope, and the authorization code flow with PKCE (the authorization step through the engine the
// hosted UI drives), code exchange, ID token checks, userInfo, refresh, introspection and revocation.

const backends = await testBackends();

describe.each(backends)("OIDC provider with openid-client on %s", (backend) => {
  const ctx = useOpenIdProvider(backend);
  const { discover } = ctx;

  it("runs the code flow with PKCE: exchange, ID token, userInfo, refresh, introspection, revocation", async () => {
    const config = await discover(ctx.fixture.spa.clientId);
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
    expect(url.href.startsWith(`${ctx.fixture.issuer}/oauth2/authorize?`)).toBe(true);
    const callback = await authorize(ctx.fixture, Object.fromEntries(url.searchParams));
    expect(callback.origin + callback.pathname).toBe(CALLBACK);
    expect(callback.searchParams.get("iss")).toBe(ctx.fixture.issuer);

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
      iss: ctx.fixture.issuer,
      aud: ctx.fixture.spa.clientId,
      sub: ctx.fixture.user.sub,
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
      client_id: ctx.fixture.spa.clientId,
      username: "alice",
      version: 2,
      token_use: "access",
      scope: "aws.cognito.signin.user.admin email openid profile",
    });

    const info = await client.fetchUserInfo(config, tokens.access_token, ctx.fixture.user.sub);
    expect(info).toMatchObject({
      sub: ctx.fixture.user.sub,
      username: "alice",
      email: "alice@example.com",
      email_verified: "true",
      name: "Alice Liddell",
    });

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token ?? "");
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.refresh_token).toBeUndefined();
    expect(decodeJwt(refreshed.id_token ?? "")).toMatchObject({
      sub: ctx.fixture.user.sub,
      auth_time: claims?.auth_time,
    });
    expect(decodeJwt(refreshed.access_token).origin_jti).toBe(access.origin_jti);

    expect(await client.tokenIntrospection(config, tokens.access_token)).toMatchObject({
      active: true,
      client_id: ctx.fixture.spa.clientId,
      username: "alice",
      sub: ctx.fixture.user.sub,
      token_type: "Bearer",
    });
    expect(await client.tokenIntrospection(config, tokens.refresh_token ?? "")).toMatchObject({
      active: true,
      client_id: ctx.fixture.spa.clientId,
      sub: ctx.fixture.user.sub,
    });

    await client.tokenRevocation(config, tokens.refresh_token ?? "");
    await expect(client.refreshTokenGrant(config, tokens.refresh_token ?? "")).rejects.toMatchObject({
      error: "invalid_grant",
    });
    expect(await client.tokenIntrospection(config, tokens.access_token)).toEqual({ active: false });
    expect(await client.tokenIntrospection(config, refreshed.access_token)).toEqual({ active: false });
    await expect(
      client.fetchUserInfo(config, refreshed.access_token, ctx.fixture.user.sub),
    ).rejects.toThrow();
  });

  it("mints tokens with the claim shapes of InitiateAuth's (plus version, nonce, at_hash)", async () => {
    const api = await ctx.server.adminClient().send(
      new AdminInitiateAuthCommand({
        UserPoolId: ctx.fixture.userPoolId,
        ClientId: ctx.fixture.apiClientId,
        AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: ctx.fixture.username, PASSWORD },
      }),
    );
    const config = await discover(ctx.fixture.spa.clientId);
    const verifier = client.randomPKCECodeVerifier();
    const nonce = client.randomNonce();
    const callback = await authorize(ctx.fixture, {
      response_type: "code",
      client_id: ctx.fixture.spa.clientId,
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
    const config = await discover(
      ctx.fixture.web.clientId,
      client.ClientSecretBasic(ctx.fixture.web.clientSecret),
    );
    const callback = await authorize(ctx.fixture, {
      response_type: "code",
      client_id: ctx.fixture.web.clientId,
      redirect_uri: CALLBACK,
      scope: "openid email",
      state: "s1",
    });
    const tokens = await client.authorizationCodeGrant(config, callback, { expectedState: "s1" });
    // openid + email only: the ID token and userInfo carry just sub, email and email_verified.
    expect(tokens.claims()?.name).toBeUndefined();
    expect(tokens.claims()?.email).toBe("alice@example.com");
    const info = await client.fetchUserInfo(config, tokens.access_token, ctx.fixture.user.sub);
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
});
