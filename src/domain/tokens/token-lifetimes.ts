// Token lifetimes of an app client, in seconds, read from its settings document.
// - AccessTokenValidity / IdTokenValidity in TokenValidityUnits.AccessToken / .IdToken (default hours);
//   absent: 1 hour each.
// - RefreshTokenValidity in TokenValidityUnits.RefreshToken (default days); absent or 0: 30 days.
// - ExpiresIn in an AuthenticationResult is the access token's lifetime.

import type { JsonValue } from "../../shared/json.js";
import { DEFAULT_ACCESS_OR_ID_SECONDS, UNIT_SECONDS } from "../user-pool-client/token-validity.js";
import type { TimeUnit, UserPoolClientSettings } from "../user-pool-client/user-pool-client.js";

export interface TokenLifetimes {
  access: number;
  id: number;
  refresh: number;
}

const DEFAULT_REFRESH_SECONDS = 30 * 86_400;

const unitOf = (units: JsonValue | undefined, token: string, fallback: TimeUnit): TimeUnit => {
  const unit =
    typeof units === "object" && units !== null && !Array.isArray(units) ? units[token] : undefined;
  return typeof unit === "string" && unit in UNIT_SECONDS ? (unit as TimeUnit) : fallback;
};

const positive = (value: JsonValue | undefined) =>
  typeof value === "number" && Number.isFinite(value) && value > 0 ? value : undefined;

export function clientTokenLifetimes(settings: UserPoolClientSettings): TokenLifetimes {
  const units = settings.TokenValidityUnits;
  const seconds = (value: JsonValue | undefined, token: string, unit: TimeUnit, fallback: number) => {
    const amount = positive(value);
    return amount === undefined ? fallback : amount * UNIT_SECONDS[unitOf(units, token, unit)];
  };
  return {
    access: seconds(settings.AccessTokenValidity, "AccessToken", "hours", DEFAULT_ACCESS_OR_ID_SECONDS),
    id: seconds(settings.IdTokenValidity, "IdToken", "hours", DEFAULT_ACCESS_OR_ID_SECONDS),
    refresh: seconds(settings.RefreshTokenValidity, "RefreshToken", "days", DEFAULT_REFRESH_SECONDS),
  };
}
