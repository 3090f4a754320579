import { type Http, HttpError } from "./http.js";
import type { AdminSigning } from "./types.js";

// Creating what the scenarios need through the API (pools, clients, a few signed-in users), and probing
// which endpoints the server has, so an unimplemented one is reported instead of failing the run.

export const BENCH_PASSWORD = "Bench-Passw0rd-7!";
export const USER_PREFIX = "bench-user-";

export interface BenchPool {
  poolId: string;
  /** Public client allowing password, SRP and refresh sign-in. */
  clientId: string;
}

export async function createBenchPool(http: Http, admin: AdminSigning): Promise<BenchPool> {
  const pool = await http.json(
    "CreateUserPool",
    { PoolName: "bench", UsernameConfiguration: { CaseSensitive: false } },
    admin,
  );
  const poolId = (pool.UserPool as { Id: string }).Id;
  const client = await http.json(
    "CreateUserPoolClient",
    {
      UserPoolId: poolId,
      ClientName: "bench",
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    },
    admin,
  );
  return { poolId, clientId: (client.UserPoolClient as { ClientId: string }).ClientId };
}

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
}

export async function signIn(http: Http, clientId: string, username: string): Promise<SignedIn> {
  const answer = await http.json("InitiateAuth", {
    ClientId: clientId,
    AuthFlow: "USER_PASSWORD_AUTH",
    AuthParameters: { USERNAME: username, PASSWORD: BENCH_PASSWORD },
  });
  const result = answer.AuthenticationResult as { AccessToken: string; RefreshToken: string };
  return { accessToken: result.AccessToken, refreshToken: result.RefreshToken };
}

/** Signs in `count` users spread over [0, population), one at a time (each costs an argon2id check). */
export async function signInSpread(
  http: Http,
  clientId: string,
  population: number,
  count: number,
): Promise<SignedIn[]> {
  const signedIn: SignedIn[] = [];
  const step = Math.max(1, Math.floor(population / count));
  for (let i = 0; i < count && i * step < population; i++) {
    signedIn.push(await signIn(http, clientId, `${USER_PREFIX}${i * step + (step >> 1)}`));
  }
  return signedIn;
}

/** Why an action cannot be measured yet ("not implemented yet: …"), or undefined when it answers. */
export async function probeAction(http: Http, action: string, body: unknown): Promise<string | undefined> {
  const { status, text } = await http.jsonRaw(action, body);
  if (status === 200) return undefined;
  if (text.includes("UnsupportedOperation") || text.includes("Unsupported")) {
    return `${action} not implemented yet`;
  }
  return `${action} answered HTTP ${status}: ${text.slice(0, 160)}`;
}

/**
 * The OIDC endpoints count as present once the discovery document answers 200; the token endpoint's path
 * is taken from it. Returns why not, as a string, otherwise.
 */
export async function probeDiscovery(http: Http, poolId: string): Promise<{ tokenPath: string } | string> {
  const { status, text } = await http.get(`/${poolId}/.well-known/openid-configuration`);
  if (status !== 200) return `endpoint not implemented yet (discovery answered ${status})`;
  const endpoint = (JSON.parse(text) as { token_endpoint?: unknown }).token_endpoint;
  if (typeof endpoint !== "string") return "the discovery document names no token_endpoint";
  return { tokenPath: new URL(endpoint).pathname };
}

export interface OAuthClients {
  /** Confidential client for client_credentials, and the scope to ask for. */
  machine?: { clientId: string; clientSecret: string; scope: string };
  /** Public OAuth client whose refresh tokens feed the refresh_token grant. */
  refresh?: { clientId: string; refreshTokens: string[] };
  problems: string[];
}

/** The app clients the OAuth scenarios need; anything the server refuses is reported, not thrown. */
export async function createOAuthClients(
  http: Http,
  admin: AdminSigning,
  poolId: string,
  refreshUsers: string[],
): Promise<OAuthClients> {
  const clients: OAuthClients = { problems: [] };
  try {
    await http.json(
      "CreateResourceServer",
      {
        UserPoolId: poolId,
        Identifier: "bench",
        Name: "bench",
        Scopes: [{ ScopeName: "read", ScopeDescription: "read" }],
      },
      admin,
    );
    const machine = await http.json(
      "CreateUserPoolClient",
      {
        UserPoolId: poolId,
        ClientName: "bench-machine",
        GenerateSecret: true,
        AllowedOAuthFlows: ["client_credentials"],
        AllowedOAuthScopes: ["bench/read"],
        AllowedOAuthFlowsUserPoolClient: true,
      },
      admin,
    );
    const created = machine.UserPoolClient as { ClientId: string; ClientSecret: string };
    clients.machine = { clientId: created.ClientId, clientSecret: created.ClientSecret, scope: "bench/read" };
  } catch (error) {
    clients.problems.push(
      `client_credentials setup: ${error instanceof HttpError ? error.message : String(error)}`,
    );
  }
  try {
    const web = await http.json(
      "CreateUserPoolClient",
      {
        UserPoolId: poolId,
        ClientName: "bench-web",
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        AllowedOAuthFlows: ["code"],
        AllowedOAuthScopes: ["openid", "email"],
        AllowedOAuthFlowsUserPoolClient: true,
        CallbackURLs: ["https://example.com/callback"],
        SupportedIdentityProviders: ["COGNITO"],
      },
      admin,
    );
    const clientId = (web.UserPoolClient as { ClientId: string }).ClientId;
    const refreshTokens: string[] = [];
    for (const username of refreshUsers)
      refreshTokens.push((await signIn(http, clientId, username)).refreshToken);
    clients.refresh = { clientId, refreshTokens };
  } catch (error) {
    clients.problems.push(
      `refresh grant setup: ${error instanceof HttpError ? error.message : String(error)}`,
    );
  }
  return clients;
}
