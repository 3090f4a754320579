import { InvalidParameterException } from "../errors.js";
import { effectiveExplicitAuthFlows } from "../user-pool-client/explicit-auth-flows.js";

// Which ExplicitAuthFlows entry each AuthFlow needs. Legacy names count as their ALLOW_ equivalents.

const REQUIRED: Record<string, readonly string[]> = {
  USER_SRP_AUTH: ["ALLOW_USER_SRP_AUTH"],
  USER_PASSWORD_AUTH: ["ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH"],
  ADMIN_USER_PASSWORD_AUTH: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"],
  ADMIN_NO_SRP_AUTH: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"],
  REFRESH_TOKEN_AUTH: ["ALLOW_REFRESH_TOKEN_AUTH"],
  REFRESH_TOKEN: ["ALLOW_REFRESH_TOKEN_AUTH"],
  CUSTOM_AUTH: ["ALLOW_CUSTOM_AUTH", "CUSTOM_AUTH_FLOW_ONLY"],
  USER_AUTH: ["ALLOW_USER_AUTH"],
};

/** Legacy-only clients (no ALLOW_ names) always allowed SRP and refresh, as Cognito did. */
const LEGACY_IMPLICIT = ["USER_SRP_AUTH", "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"];

export function assertAuthFlowEnabled(authFlow: string, storedFlows: readonly string[] | undefined): void {
  const flows = effectiveExplicitAuthFlows(storedFlows);
  const legacyOnly = flows.every((flow) => !flow.startsWith("ALLOW_"));
  if (legacyOnly && LEGACY_IMPLICIT.includes(authFlow)) return;
  if ((REQUIRED[authFlow] ?? []).some((flow) => flows.includes(flow))) return;
  if (authFlow === "USER_PASSWORD_AUTH") {
    throw new InvalidParameterException("USER_PASSWORD_AUTH flow not enabled for this client");
  }
  if (authFlow === "CUSTOM_AUTH")
    throw new InvalidParameterException("CUSTOM_AUTH is not enabled for the client.");
  throw new InvalidParameterException("Auth flow not enabled for this client");
}
