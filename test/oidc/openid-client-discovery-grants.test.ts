import { createRemoteJWKSet, jwtVerify } from "jose";
import * as client from "openid-client";
import { describe, expect, it } from "vitest";
import { testBackends } from "../support/server.js";
import { authorize, CALLBACK, decodeJwt } from "./oauth2-setup.js";
import { insecure, useOpenIdProvider } from "./openid-client-setup.js";

// openid-client (the certified RP library) against a live server: discovery, client_credentials with a
// custom scope, and the authorization code flow with PKCE (the authorization step through the engine the
// hosted UI drives), code exchange, ID token checks, userInfo, refresh, introspection and revocation.

const backends = await testBackends();

describe.each(backends)("OIDC provider with openid-client on %s", (backend) => {
  const ctx = useOpenIdProvider(backend);
  const { discover } = ctx;

  it("discovers the pool as an OpenID provider", async () => {
    const config = await discover(ctx.fixture.spa.clientId);
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(ctx.fixture.issuer);
    expect(metadata).toMatchObject({
      authorization_endpoint: `${ctx.fixture.issuer}/oauth2/authorize`,
      token_endpoint: `${ctx.fixture.issuer}/oauth2/token`,
      userinfo_endpoint: `${ctx.fixture.issuer}/oauth2/userInfo`,
      revocation_endpoint: `${ctx.fixture.issuer}/oauth2/revoke`,
      introspection_endpoint: `${ctx.fixture.issuer}/oauth2/introspect`,
      end_session_endpoint: `${ctx.fixture.issuer}/logout`,
      jwks_uri: `${ctx.fixture.issuer}/.well-known/jwks.json`,
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
      new URL(ctx.fixture.issuer),
      ctx.fixture.spa.clientId,
      undefined,
      client.None(),
      {
        ...insecure,
        algorithm: "oauth2",
      },
    );
    expect(rfc8414.serverMetadata().token_endpoint).toBe(metadata.token_endpoint);
    const unknown = await fetch(`${ctx.server.url}/us-east-1_NoSuchPool/.well-known/openid-configuration`);
    expect(unknown.status).toBe(404);
  });

  it("grants client_credentials with a custom scope, as Cognito's M2M token", async () => {
    const config = await discover(
      ctx.fixture.m2m.clientId,
      client.ClientSecretBasic(ctx.fixture.m2m.clientSecret),
    );
    const granted = await client.clientCredentialsGrant(config, { scope: "orders/read" });
    expect(granted.token_type.toLowerCase()).toBe("bearer");
    expect(granted.expires_in).toBe(3600);
    expect(granted.refresh_token).toBeUndefined();
    expect(granted.id_token).toBeUndefined();
    const jwks = createRemoteJWKSet(new URL(`${ctx.fixture.issuer}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(granted.access_token, jwks, {
      issuer: ctx.fixture.issuer,
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
      sub: ctx.fixture.m2m.clientId,
      client_id: ctx.fixture.m2m.clientId,
      token_use: "access",
      scope: "orders/read",
      version: 2,
    });
    // No scope asked: every custom scope the client allows.
    const all = await client.clientCredentialsGrant(config);
    expect(decodeJwt(all.access_token).scope).toBe("orders/read orders/write");
    // client_secret_post works too, and introspection sees the token as active.
    const post = await discover(
      ctx.fixture.m2m.clientId,
      client.ClientSecretPost(ctx.fixture.m2m.clientSecret),
    );
    const introspected = await client.tokenIntrospection(post, granted.access_token);
    expect(introspected).toMatchObject({
      active: true,
      client_id: ctx.fixture.m2m.clientId,
      sub: ctx.fixture.m2m.clientId,
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
    const spa = await discover(ctx.fixture.spa.clientId);
    await expect(client.clientCredentialsGrant(spa)).rejects.toMatchObject({ error: "unauthorized_client" });
  });

  it("issues implicit tokens in the fragment for clients that allow it, without a refresh token", async () => {
    const nonce = "implicit-nonce";
    const location = await authorize(ctx.fixture, {
      response_type: "token",
      client_id: ctx.fixture.spa.clientId,
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
    expect(idToken).toMatchObject({ nonce, phone_number: "+15555550100", aud: ctx.fixture.spa.clientId });
    expect(idToken.email).toBeUndefined();
    expect(typeof idToken.at_hash).toBe("string");
    const config = await discover(ctx.fixture.spa.clientId);
    const info = await client.fetchUserInfo(config, fragment.get("access_token") ?? "", ctx.fixture.user.sub);
    expect(info.phone_number).toBe("+15555550100");
  });
});
