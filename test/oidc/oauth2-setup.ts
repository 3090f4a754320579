import { createHash } from "node:crypto";
import {
  AdminGetUserCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  type CreateUserPoolCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import type { AuthorizationEngine } from "../../src/app/oauth2/authorization-contract.js";
import { createAuthorizationEngine } from "../../src/app/oauth2/authorization-engine.js";
import { loadConfig } from "../../src/config/config.js";
import type { User } from "../../src/domain/user/user.js";
import { type Application, buildApplication } from "../../src/main.js";
import type { Clock } from "../../src/ports/clock.js";
import { createConfirmedUser, createPoolAndClient } from "../support/pool-setup.js";
import type { TestServer } from "../support/server.js";

// Shared set-up for the OAuth tests: a pool with a resource server, OAuth app clients, a signed-up user,
// and the authorization engine opened on the live server's own data (the way `cognate` CLI commands open
// it), standing in for the hosted UI's sign-in: it validates the /oauth2/authorize query and completes it
// for the user, exactly as the UI does after a successful sign-in. No test-only route exists in the server.

export const CALLBACK = "https://app.example.com/callback";
export const LOGOUT_URL = "https://app.example.com/signed-out";
export const PASSWORD = "Correct-Horse-9!";

export interface OAuthFixture {
  userPoolId: string;
  issuer: string;
  /** Public client: code (PKCE) and implicit, every standard scope and orders/read. */
  spa: { clientId: string };
  /** Confidential client: code only, rotation on, no implicit. */
  web: { clientId: string; clientSecret: string };
  /** Confidential client for client_credentials with orders/read and orders/write. */
  m2m: { clientId: string; clientSecret: string };
  /** For AdminInitiateAuth (API tokens to compare shapes with). */
  apiClientId: string;
  username: string;
  user: User;
  engine: AuthorizationEngine;
  application: Application;
}

/** The live server's public URL (issuers use it): http://localhost:{port} unless configured. */
export const publicUrlOf = (server: TestServer) => server.url.replace("127.0.0.1", "localhost");

export async function openEngine(server: TestServer, clock?: Clock): Promise<Application> {
  const config = loadConfig({
    COGNATE_PORT: "0",
    COGNATE_DATA_DIR: server.dataDir,
    COGNATE_LOG_LEVEL: "silent",
    COGNATE_PUBLIC_URL: publicUrlOf(server),
    ...(server.databaseUrl ? { COGNATE_DATABASE_URL: server.databaseUrl } : {}),
  });
  return buildApplication(config, { announceGeneratedCredentials: false, ...(clock ? { clock } : {}) });
}

const oauthClient = async (
  server: TestServer,
  userPoolId: string,
  input: Partial<CreateUserPoolClientCommandInput>,
) => {
  const out = await server
    .adminClient()
    .send(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: "oauth", ...input }));
  return {
    clientId: out.UserPoolClient?.ClientId ?? "",
    clientSecret: out.UserPoolClient?.ClientSecret ?? "",
  };
};

export async function createOAuthFixture(
  server: TestServer,
  clock?: Clock,
  pool: Partial<CreateUserPoolCommandInput> = {},
): Promise<OAuthFixture> {
  const admin = server.adminClient();
  const ids = await createPoolAndClient(admin, { PoolName: "oauth-pool", ...pool }, {});
  const { userPoolId } = ids;
  await admin.send(
    new CreateResourceServerCommand({
      UserPoolId: userPoolId,
      Identifier: "orders",
      Name: "Orders API",
      Scopes: [
        { ScopeName: "read", ScopeDescription: "Read orders" },
        { ScopeName: "write", ScopeDescription: "Write orders" },
      ],
    }),
  );
  const browserClient: Partial<CreateUserPoolClientCommandInput> = {
    AllowedOAuthFlowsUserPoolClient: true,
    CallbackURLs: [CALLBACK, "http://localhost:3000/cb", "myapp://callback"],
    LogoutURLs: [LOGOUT_URL],
    SupportedIdentityProviders: ["COGNITO"],
    ExplicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"],
  };
  const spa = await oauthClient(server, userPoolId, {
    ...browserClient,
    ClientName: "spa",
    AllowedOAuthFlows: ["code", "implicit"],
    AllowedOAuthScopes: [
      "openid",
      "email",
      "phone",
      "profile",
      "aws.cognito.signin.user.admin",
      "orders/read",
    ],
  });
  const web = await oauthClient(server, userPoolId, {
    ...browserClient,
    ClientName: "web",
    GenerateSecret: true,
    AllowedOAuthFlows: ["code"],
    AllowedOAuthScopes: ["openid", "email", "profile"],
    RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 0 },
  });
  const m2m = await oauthClient(server, userPoolId, {
    ClientName: "m2m",
    GenerateSecret: true,
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ["client_credentials"],
    AllowedOAuthScopes: ["orders/read", "orders/write"],
  });
  const username = "alice";
  await createConfirmedUser(admin, ids, username, PASSWORD, [
    { Name: "email", Value: "alice@example.com" },
    { Name: "email_verified", Value: "true" },
    { Name: "name", Value: "Alice Liddell" },
    { Name: "phone_number", Value: "+15555550100" },
  ]);
  const sub = (
    await admin.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }))
  ).UserAttributes?.find((attribute) => attribute.Name === "sub")?.Value;
  const application = await openEngine(server, clock);
  const user = sub ? await application.dependencies.storage.users.findUserBySub(userPoolId, sub) : undefined;
  if (!user) throw new Error("the fixture user is missing");
  return {
    userPoolId,
    issuer: `${publicUrlOf(server)}/${userPoolId}`,
    spa: { clientId: spa.clientId },
    web,
    m2m,
    apiClientId: ids.clientId,
    username,
    user,
    engine: createAuthorizationEngine(application.dependencies),
    application,
  };
}

/** Validates the query as /oauth2/authorize would and completes it for the fixture's user. */
export async function authorize(fixture: OAuthFixture, query: Record<string, string>): Promise<URL> {
  const validation = await fixture.engine.validate(fixture.userPoolId, query);
  if (!validation.ok) throw new Error(`authorization refused: ${JSON.stringify(validation)}`);
  const completion = await fixture.engine.complete(validation.request, fixture.user, new Date());
  return new URL(completion.location);
}

export function decodeJwt(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<
    string,
    unknown
  >;
}

/** POST a form to an OAuth endpoint of the live server. */
export async function postForm(
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> | undefined; text: string }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form).toString(),
  });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}

export const basic = (clientId: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`,
});

export const VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
export const CHALLENGE = createHash("sha256").update(VERIFIER).digest("base64url");

/** The endpoints as the attack tests call them, with a PKCE-bound code for the public client at hand. */
export function endpointsOf(fixture: OAuthFixture) {
  const token = (form: Record<string, string>, headers: Record<string, string> = {}) =>
    postForm(`${fixture.issuer}/oauth2/token`, form, headers);
  return {
    token,
    async codeFor(overrides: Record<string, string> = {}) {
      const location = await authorize(fixture, {
        response_type: "code",
        client_id: fixture.spa.clientId,
        redirect_uri: CALLBACK,
        scope: "openid email aws.cognito.signin.user.admin",
        code_challenge: CHALLENGE,
        code_challenge_method: "S256",
        ...overrides,
      });
      return location.searchParams.get("code") ?? "";
    },
    redeem: (code: string, extra: Record<string, string> = {}) =>
      token({
        grant_type: "authorization_code",
        client_id: fixture.spa.clientId,
        code,
        redirect_uri: CALLBACK,
        code_verifier: VERIFIER,
        ...extra,
      }),
    userInfo: (accessToken: string) =>
      fetch(`${fixture.issuer}/oauth2/userInfo`, { headers: { authorization: `Bearer ${accessToken}` } }),
    introspect: (value: string) =>
      postForm(
        `${fixture.issuer}/oauth2/introspect`,
        { token: value },
        basic(fixture.m2m.clientId, fixture.m2m.clientSecret),
      ),
  };
}
