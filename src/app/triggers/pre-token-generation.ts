import type { Group } from "../../domain/group/group.js";
import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { UserPoolClient } from "../../domain/user-pool-client/user-pool-client.js";
import type { JsonObject, JsonValue } from "../../shared/json.js";
import type { AppDependencies } from "../dependencies.js";
import type { ClaimsCustomizer, TokenClaimSets } from "../tokens/mint-tokens.js";
import { preTokenGenerationVersion } from "./trigger-config.js";
import {
  eventUserAttributes,
  optionalMaps,
  readObject,
  readString,
  readStringArray,
  type StringMap,
  toJsonValue,
  unrecognizable,
} from "./trigger-event.js";

// PreTokenGeneration: runs just before tokens are signed (mint-tokens' customizeClaims seam), for every
// source: TokenGeneration_Authentication (API sign-in), _NewPasswordChallenge, _RefreshTokens,
// _HostedAuth (OAuth / hosted UI), _AuthenticateDevice and, V3 only, _ClientCredentials.
// Sent: the user's attributes, groupConfiguration (the groups, roles and preferred role the tokens would
// carry), `scopes` (V2/V3), ClientMetadata. What the response may change:
// - V1 (claimsOverrideDetails): ID token claims to add/override (string values) or suppress, and
//   groupOverrideDetails, which replaces cognito:groups (both tokens), cognito:roles and
//   cognito:preferred_role (ID token);
// - V2/V3 (claimsAndScopeOverrideDetails): idTokenGeneration and accessTokenGeneration claims to
//   add/override (any JSON value) or suppress, accessTokenGeneration scopesToAdd / scopesToSuppress, and
//   groupOverrideDetails as in V1.
// Claims that carry the token's identity and lifetime cannot be changed; such entries are ignored.

export type TokenGenerationSource =
  | "TokenGeneration_HostedAuth"
  | "TokenGeneration_Authentication"
  | "TokenGeneration_NewPasswordChallenge"
  | "TokenGeneration_AuthenticateDevice"
  | "TokenGeneration_RefreshTokens"
  | "TokenGeneration_ClientCredentials";

const PROTECTED_CLAIMS = new Set([
  "acr",
  "amr",
  "aud",
  "at_hash",
  "auth_time",
  "azp",
  "c_hash",
  "client_id",
  "cognito:groups",
  "cognito:preferred_role",
  "cognito:roles",
  "cognito:username",
  "device_key",
  "event_id",
  "exp",
  "iat",
  "identities",
  "iss",
  "jti",
  "nbf",
  "nonce",
  "origin_jti",
  "scope",
  "sub",
  "token_use",
  "username",
  "version",
]);

export interface PreTokenGenerationInput {
  pool: UserPool;
  client: UserPoolClient;
  source: TokenGenerationSource;
  clientMetadata?: StringMap | undefined;
  /** The user and groups being issued for; when absent (refresh) they are read by the token's sub. */
  user?: User;
  groups?: readonly Group[];
}

type Deps = Pick<AppDependencies, "triggers" | "storage">;

function groupConfiguration(claims: TokenClaimSets): JsonObject {
  const id = claims.idToken;
  const list = (value: JsonValue | undefined) => (Array.isArray(value) ? value : []);
  return {
    groupsToOverride: list(id["cognito:groups"]),
    iamRolesToOverride: list(id["cognito:roles"]),
    preferredRole: typeof id["cognito:preferred_role"] === "string" ? id["cognito:preferred_role"] : null,
  };
}

function applyClaims(
  target: JsonObject,
  generation: Record<string, unknown> | undefined,
  stringsOnly: boolean,
  addKey = "claimsToAddOrOverride",
): void {
  if (!generation) return;
  const add = readObject(generation, addKey) ?? {};
  for (const [name, value] of Object.entries(add)) {
    if (stringsOnly && typeof value !== "string") throw unrecognizable();
    if (!PROTECTED_CLAIMS.has(name)) target[name] = toJsonValue(value);
  }
  for (const name of readStringArray(generation, "claimsToSuppress") ?? []) {
    if (!PROTECTED_CLAIMS.has(name)) delete target[name];
  }
}

function applyGroups(claims: TokenClaimSets, overrides: Record<string, unknown> | undefined): void {
  if (!overrides) return;
  const groups = readStringArray(overrides, "groupsToOverride");
  const roles = readStringArray(overrides, "iamRolesToOverride");
  const preferred = readString(overrides, "preferredRole");
  if (groups !== undefined) {
    for (const token of [claims.idToken, claims.accessToken]) {
      if (groups.length > 0) token["cognito:groups"] = groups;
      else delete token["cognito:groups"];
    }
  }
  if (roles !== undefined) {
    if (roles.length > 0) claims.idToken["cognito:roles"] = roles;
    else delete claims.idToken["cognito:roles"];
  }
  if (preferred !== undefined) claims.idToken["cognito:preferred_role"] = preferred;
}

function applyScopes(access: JsonObject, generation: Record<string, unknown> | undefined): void {
  if (!generation) return;
  const add = readStringArray(generation, "scopesToAdd") ?? [];
  const suppress = new Set(readStringArray(generation, "scopesToSuppress") ?? []);
  const current = typeof access.scope === "string" && access.scope !== "" ? access.scope.split(" ") : [];
  const scopes = [...new Set([...current, ...add])].filter((scope) => !suppress.has(scope));
  access.scope = scopes.join(" ");
}

/** The customizeClaims hook for tokens.issueTokens / refreshTokens, or undefined without the trigger. */
export function preTokenGenerationCustomizer(
  deps: Deps,
  input: PreTokenGenerationInput,
): ClaimsCustomizer | undefined {
  const { pool } = input;
  if (!deps.triggers.configured(pool, "PreTokenGeneration")) return undefined;
  const version = preTokenGenerationVersion(pool);
  if (input.source === "TokenGeneration_ClientCredentials" && version !== "V3_0") return undefined;
  return async (claims) => {
    const sub = typeof claims.idToken.sub === "string" ? claims.idToken.sub : "";
    const machine = input.source === "TokenGeneration_ClientCredentials";
    const user = machine ? undefined : (input.user ?? (await deps.storage.users.findUserBySub(pool.id, sub)));
    const scopes = typeof claims.accessToken.scope === "string" ? claims.accessToken.scope.split(" ") : [];
    const request: JsonObject = {
      userAttributes: user ? eventUserAttributes(pool, user) : {},
      groupConfiguration: groupConfiguration(claims),
      ...(version === "V1_0" ? {} : { scopes: scopes.filter((scope) => scope !== "") }),
      ...optionalMaps({ clientMetadata: input.clientMetadata }),
    };
    const responseKey = version === "V1_0" ? "claimsOverrideDetails" : "claimsAndScopeOverrideDetails";
    const event = deps.triggers.event(
      {
        pool,
        triggerSource: input.source,
        // Client-credentials tokens have no user; the event names the client instead.
        userName:
          user?.username ?? (machine ? input.client.clientId : String(claims.accessToken.username ?? "")),
        clientId: input.client.clientId,
        version: version === "V1_0" ? "1" : version === "V2_0" ? "2" : "3",
      },
      request,
      { [responseKey]: null },
    );
    const response = await deps.triggers.invoke(pool, "PreTokenGeneration", event);
    const details = readObject(response, responseKey);
    const next: TokenClaimSets = { idToken: { ...claims.idToken }, accessToken: { ...claims.accessToken } };
    if (!details) return next;
    if (version === "V1_0") {
      applyClaims(next.idToken, details, true);
    } else {
      applyClaims(next.idToken, readObject(details, "idTokenGeneration"), false);
      const access = readObject(details, "accessTokenGeneration");
      applyClaims(next.accessToken, access, false);
      applyScopes(next.accessToken, access);
    }
    applyGroups(next, readObject(details, "groupOverrideDetails"));
    return next;
  };
}

/**
 * The V3 seam for client_credentials access tokens (OAuth token endpoint): runs the trigger with
 * TokenGeneration_ClientCredentials when the pool's PreTokenGenerationConfig is V3_0 and returns the
 * access token claims to sign. With no V3 trigger the claims come back unchanged.
 */
export async function customizeClientCredentialsClaims(
  deps: Deps,
  input: { pool: UserPool; client: UserPoolClient; clientMetadata?: StringMap },
  accessToken: JsonObject,
): Promise<JsonObject> {
  const customize = preTokenGenerationCustomizer(deps, {
    ...input,
    source: "TokenGeneration_ClientCredentials",
  });
  if (!customize) return accessToken;
  return (await customize({ idToken: {}, accessToken })).accessToken;
}
