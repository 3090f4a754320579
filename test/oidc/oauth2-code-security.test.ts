import { GetUserCommand } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../support/fake-clock.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import {
  authorize,
  basic,
  CALLBACK,
  CHALLENGE,
  createOAuthFixture,
  endpointsOf,
  type OAuthFixture,
  postForm,
  VERIFIER,
} from "./oauth2-setup.js";

// Authorization codes under attack at the token endpoint (RFC 9700 §2.1.1 and §4.5, RFC 7636, RFC 6749
// §2.3 and §4.1.3): PKCE missing, wrong or downgraded; codes bound to client and redirect_uri; a replay
// revoking the first tokens; 100 concurrent redemptions of one code; client authentication; expiry.

const backends = await testBackends();

describe.each(backends)("authorization codes under attack on %s", (backend) => {
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

  it("answers a missing, wrong or downgraded PKCE verifier with invalid_grant, without burning the code", async () => {
    const code = await codeFor();
    const missing = await token({
      grant_type: "authorization_code",
      client_id: fixture.spa.clientId,
      code,
      redirect_uri: CALLBACK,
    });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ error: "invalid_grant" });
    expect(missing.headers.get("cache-control")).toBe("no-store");
    const wrong = await redeem(code, { code_verifier: "x".repeat(43) });
    expect(wrong.json).toMatchObject({ error: "invalid_grant" });
    const plainText = await redeem(code, { code_verifier: CHALLENGE });
    expect(plainText.json).toMatchObject({ error: "invalid_grant" });
    const malformed = await redeem(code, { code_verifier: "short" });
    expect(malformed.json).toMatchObject({ error: "invalid_grant" });
    expect((await redeem(code)).status).toBe(200);

    // Downgrade: a confidential client's code issued without PKCE, redeemed with a verifier.
    const location = await authorize(fixture, {
      response_type: "code",
      client_id: fixture.web.clientId,
      redirect_uri: CALLBACK,
      scope: "openid",
    });
    const webCode = location.searchParams.get("code") ?? "";
    const auth = basic(fixture.web.clientId, fixture.web.clientSecret);
    const downgrade = await token(
      { grant_type: "authorization_code", code: webCode, redirect_uri: CALLBACK, code_verifier: VERIFIER },
      auth,
    );
    expect(downgrade.json).toMatchObject({ error: "invalid_grant" });
    expect(
      (await token({ grant_type: "authorization_code", code: webCode, redirect_uri: CALLBACK }, auth)).status,
    ).toBe(200);
  });

  it("binds a code to its client and redirect_uri", async () => {
    const code = await codeFor();
    expect((await redeem(code, { redirect_uri: `${CALLBACK}/` })).json).toMatchObject({
      error: "invalid_grant",
    });
    expect((await redeem(code, { redirect_uri: "" })).json).toMatchObject({ error: "invalid_request" });
    const other = await token(
      { grant_type: "authorization_code", code, redirect_uri: CALLBACK, code_verifier: VERIFIER },
      basic(fixture.web.clientId, fixture.web.clientSecret),
    );
    expect(other.json).toMatchObject({ error: "invalid_grant" });
    expect((await redeem("not-a-code")).json).toMatchObject({ error: "invalid_grant" });
    expect((await redeem(code)).status).toBe(200);
  });

  it("refuses a replayed code and revokes what its first redemption issued", async () => {
    const code = await codeFor();
    const first = await redeem(code);
    expect(first.status).toBe(200);
    const issued = first.json as { access_token: string; refresh_token: string; id_token: string };
    expect((await userInfo(issued.access_token)).status).toBe(200);
    const replay = await redeem(code);
    expect(replay.status).toBe(400);
    expect(replay.json).toMatchObject({ error: "invalid_grant" });
    const info = await userInfo(issued.access_token);
    expect(info.status).toBe(401);
    expect(info.headers.get("www-authenticate")).toMatch(/^Bearer error="invalid_token"/);
    const refresh = await token({
      grant_type: "refresh_token",
      client_id: fixture.spa.clientId,
      refresh_token: issued.refresh_token,
    });
    expect(refresh.json).toMatchObject({ error: "invalid_grant" });
    expect((await introspect(issued.access_token)).json).toEqual({ active: false });
    await expect(
      server.adminClient().send(new GetUserCommand({ AccessToken: issued.access_token })),
    ).rejects.toMatchObject({
      name: "NotAuthorizedException",
    });
  });

  it("lets exactly one of 100 parallel redemptions of one code win", async () => {
    const code = await codeFor();
    const results = await Promise.all(Array.from({ length: 100 }, () => redeem(code)));
    const winners = results.filter((result) => result.status === 200);
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((result) => result.status !== 200)) {
      expect(loser.status).toBe(400);
      expect(loser.json).toMatchObject({ error: "invalid_grant" });
    }
    // The losers were replays: the winner's tokens are revoked as well.
    const won = winners[0]?.json as { access_token: string; refresh_token: string };
    expect((await userInfo(won.access_token)).status).toBe(401);
    const refresh = await token({
      grant_type: "refresh_token",
      client_id: fixture.spa.clientId,
      refresh_token: won.refresh_token,
    });
    expect(refresh.json).toMatchObject({ error: "invalid_grant" });
  });

  it("authenticates clients as RFC 6749 §2.3 and Cognito do", async () => {
    const code = await codeFor();
    const grant = { grant_type: "authorization_code", code, redirect_uri: CALLBACK, code_verifier: VERIFIER };
    const wrongSecret = await token(grant, basic(fixture.web.clientId, "wrong"));
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.json).toMatchObject({ error: "invalid_client" });
    expect(wrongSecret.headers.get("www-authenticate")).toMatch(/^Basic /);
    const noSecret = await token({ ...grant, client_id: fixture.web.clientId });
    expect(noSecret.status).toBe(401);
    const both = await token(
      { ...grant, client_secret: fixture.web.clientSecret },
      basic(fixture.web.clientId, fixture.web.clientSecret),
    );
    expect(both.json).toMatchObject({ error: "invalid_request" });
    const unknown = await token({ ...grant, client_id: "nosuchclient00000000000000" });
    expect(unknown.status).toBe(401);
    const secretForPublic = await token({
      ...grant,
      client_id: fixture.spa.clientId,
      client_secret: "guess",
    });
    expect(secretForPublic.json).toMatchObject({ error: "invalid_client" });
    const foreignPool = await postForm(`${server.url}/us-east-1_Other0000/oauth2/token`, {
      ...grant,
      client_id: fixture.spa.clientId,
    });
    expect(foreignPool.json).toMatchObject({ error: "invalid_client" });
    const malformed = await token(grant, { authorization: "Basic !!!" });
    expect(malformed.json).toMatchObject({ error: "invalid_client" });

    expect((await token({ client_id: fixture.spa.clientId })).json).toMatchObject({
      error: "invalid_request",
    });
    expect(
      (
        await token({
          grant_type: "password",
          client_id: fixture.spa.clientId,
          username: "alice",
          password: "x",
        })
      ).json,
    ).toMatchObject({
      error: "unsupported_grant_type",
    });
    const json = await fetch(`${fixture.issuer}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "client_credentials" }),
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: "invalid_request" });
    const repeated = await fetch(`${fixture.issuer}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `grant_type=refresh_token&grant_type=authorization_code&client_id=${fixture.spa.clientId}`,
    });
    expect(await repeated.json()).toMatchObject({ error: "invalid_request" });
    // The code survived all of that.
    expect((await redeem(code)).status).toBe(200);
  });
});

describe.each(backends)("authorization code expiry on %s", (backend) => {
  let server: TestServer;
  let fixture: OAuthFixture;
  const clock = new FakeClock();

  beforeAll(async () => {
    server = await startTestServer({ backend, clock });
    fixture = await createOAuthFixture(server, clock);
  });
  afterAll(async () => {
    await fixture?.application.close();
    await server.stop();
  });

  it("refuses a code after its 5 minutes", async () => {
    const issue = async () =>
      (
        await authorize(fixture, {
          response_type: "code",
          client_id: fixture.spa.clientId,
          redirect_uri: CALLBACK,
          scope: "openid",
          code_challenge: CHALLENGE,
          code_challenge_method: "S256",
        })
      ).searchParams.get("code") ?? "";
    const redeem = (code: string) =>
      postForm(`${fixture.issuer}/oauth2/token`, {
        grant_type: "authorization_code",
        client_id: fixture.spa.clientId,
        code,
        redirect_uri: CALLBACK,
        code_verifier: VERIFIER,
      });
    const late = await issue();
    const onTime = await issue();
    clock.advance(299_000);
    expect((await redeem(onTime)).status).toBe(200);
    clock.advance(2_000);
    const expired = await redeem(late);
    expect(expired.status).toBe(400);
    expect(expired.json).toMatchObject({
      error: "invalid_grant",
      error_description: "Authorization code has expired.",
    });
  });
});
