import { createHttp } from "./http.js";
import {
  type MeasureContext,
  type Measurement,
  measureScenario,
  type ScenarioId,
  skipped,
} from "./measure.js";
import { wants } from "./options.js";
import { startCognitoLocal, startOidcProvider } from "./peers.js";
import { BENCH_PASSWORD, signInSpread, USER_PREFIX } from "./setup.js";
import type { AdminSigning, OpSpec } from "./types.js";

// The peers on the scenarios they support, at the base population, with the same load as Cognate.
// cognito-local: everything but SRP sign-in and client_credentials (it has neither; its ListUsers filter
// scans every user). node-oidc-provider: client_credentials and the refresh_token grant.

const COGNITO_LOCAL_UNSUPPORTED: Partial<Record<ScenarioId, string>> = {
  c: "cognito-local has no USER_SRP_AUTH",
  f: "cognito-local has no client_credentials grant",
};

export async function runCognitoLocal(
  context: MeasureContext,
  admin: AdminSigning,
  users: number,
  core: number,
): Promise<Measurement[]> {
  const measurements: Measurement[] = [];
  const peer = await startCognitoLocal({ users, admin, core });
  const http = createHttp(peer.origin, 2);
  try {
    const { poolId, clientId } = peer.pool;
    const signedIn = await signInSpread(http, clientId, users, context.options.tokenUsers);
    const range = { prefix: USER_PREFIX, count: users };
    const specs: Partial<Record<ScenarioId, OpSpec>> = {
      "g-jwks": { kind: "get", path: `/${poolId}/.well-known/jwks.json`, expect: '"keys"' },
      "g-discovery": { kind: "get", path: `/${poolId}/.well-known/openid-configuration`, expect: '"issuer"' },
      e: { kind: "get-user", accessTokens: signedIn.map((s) => s.accessToken) },
      h: { kind: "list-users", poolId, users: range, admin },
      "d-auth": { kind: "refresh-auth", clientId, refreshTokens: signedIn.map((s) => s.refreshToken) },
      "d-grant": {
        kind: "refresh-grant",
        path: "/oauth2/token",
        clientId,
        refreshTokens: signedIn.map((s) => s.refreshToken),
      },
      // Writes come last: cognito-local rewrites its whole pool file on each one, and keeps every
      // refresh token it issues in the user's record.
      b: { kind: "password-auth", clientId, users: range, password: BENCH_PASSWORD },
      a: { kind: "sign-up", clientId, poolId, password: BENCH_PASSWORD, admin, prefix: "signup-" },
    };
    for (const scenario of [
      "g-jwks",
      "g-discovery",
      "e",
      "h",
      "d-auth",
      "d-grant",
      "b",
      "c",
      "f",
      "a",
    ] as const) {
      if (!wants(context.options, scenario)) continue;
      const spec = specs[scenario];
      if (!spec) {
        const note = COGNITO_LOCAL_UNSUPPORTED[scenario] ?? "unsupported";
        measurements.push(skipped(scenario, "cognito-local", null, users, "unsupported", note));
        continue;
      }
      measurements.push(
        await measureScenario(context, {
          scenario,
          system: "cognito-local",
          backend: null,
          users,
          server: peer,
          spec,
          half: false,
        }),
      );
    }
  } finally {
    await http.close();
    await peer.stop();
  }
  return measurements;
}

export async function runOidcProvider(context: MeasureContext, core: number): Promise<Measurement[]> {
  const measurements: Measurement[] = [];
  if (!wants(context.options, "d") && !wants(context.options, "f")) return measurements;
  const peer = await startOidcProvider({ core, refreshTokens: context.options.tokenUsers });
  try {
    const specs: [ScenarioId, OpSpec][] = [
      [
        "f",
        {
          kind: "client-credentials",
          path: "/oauth2/token",
          clientId: peer.clientId,
          clientSecret: peer.clientSecret,
          scope: peer.scope,
        },
      ],
      [
        "d-grant",
        {
          kind: "refresh-grant",
          path: "/oauth2/token",
          clientId: peer.clientId,
          clientSecret: peer.clientSecret,
          refreshTokens: peer.refreshTokens,
        },
      ],
    ];
    for (const [scenario, spec] of specs) {
      if (!wants(context.options, scenario)) continue;
      measurements.push(
        await measureScenario(context, {
          scenario,
          system: "oidc-provider",
          backend: null,
          users: 0,
          server: peer,
          spec,
          half: false,
        }),
      );
    }
  } finally {
    await peer.stop();
  }
  return measurements;
}
