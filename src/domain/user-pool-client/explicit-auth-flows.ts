// ExplicitAuthFlows of an app client.
// - CreateUserPoolClient without flows (or with an empty list) stores Cognito's default:
//   ALLOW_CUSTOM_AUTH, ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_SRP_AUTH (and Describe shows them).
// - UpdateUserPoolClient without flows clears them (Describe then leaves ExplicitAuthFlows out, as Cognito
//   does); such a client allows the same default flows (effectiveExplicitAuthFlows).
// - The legacy names (ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY, USER_PASSWORD_AUTH) cannot be mixed with
//   ALLOW_* names: InvalidParameterException.
// - A list of ALLOW_* names must include ALLOW_REFRESH_TOKEN_AUTH: InvalidParameterException
//   "REFRESH_TOKEN_AUTH should always be allowed."
// - Duplicates are dropped; order is kept.

import { InvalidParameterException } from "../errors.js";

export const LEGACY_AUTH_FLOWS: readonly string[] = [
  "ADMIN_NO_SRP_AUTH",
  "CUSTOM_AUTH_FLOW_ONLY",
  "USER_PASSWORD_AUTH",
];

export const DEFAULT_EXPLICIT_AUTH_FLOWS: readonly string[] = [
  "ALLOW_CUSTOM_AUTH",
  "ALLOW_REFRESH_TOKEN_AUTH",
  "ALLOW_USER_SRP_AUTH",
];

export function uniqueInOrder(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** Returns the flows to store (undefined: none stored). */
export function resolveExplicitAuthFlows(
  flows: readonly string[] | undefined,
  operation: "create" | "update",
): string[] | undefined {
  if (!flows || flows.length === 0) {
    return operation === "create" ? [...DEFAULT_EXPLICIT_AUTH_FLOWS] : undefined;
  }
  const unique = uniqueInOrder(flows);
  const legacy = unique.filter((flow) => LEGACY_AUTH_FLOWS.includes(flow));
  if (legacy.length > 0 && legacy.length < unique.length) {
    throw new InvalidParameterException(
      "Auth flow name with prefix 'ALLOW' cannot be used with legacy auth flow names.",
    );
  }
  if (legacy.length === 0 && !unique.includes("ALLOW_REFRESH_TOKEN_AUTH")) {
    throw new InvalidParameterException("REFRESH_TOKEN_AUTH should always be allowed.");
  }
  return unique;
}

/** The flows a client allows, for the sign-in code: a client with none stored allows Cognito's default. */
export function effectiveExplicitAuthFlows(stored: readonly string[] | undefined): readonly string[] {
  return stored && stored.length > 0 ? stored : DEFAULT_EXPLICIT_AUTH_FLOWS;
}
