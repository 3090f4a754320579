// Token lifetimes of an app client.
// - Units default to hours (access, ID) and days (refresh); TokenValidityUnits is stored and shown as given.
// - RefreshTokenValidity defaults to 30 days; 0 means the default too ("Cognito overrides 0 with 30 days"),
//   which we express in the refresh unit in force so the duration stays 30 days.
// - AccessTokenValidity / IdTokenValidity have no stored default (Describe leaves them out; tokens last 1 hour).
// - Bounds: access and ID 5 minutes – 1 day, refresh 60 minutes – 3650 days; out of range is
//   InvalidParameterException "Invalid range for token validity."
// - UpdateUserPoolClient without RefreshTokenValidity keeps the client's refresh lifetime (observed on
//   Cognito: an omitted RefreshTokenValidity is not reset), value and unit together.

import { InvalidParameterException } from "../errors.js";
import type { TimeUnit, TokenValidityUnits } from "./user-pool-client.js";

export const UNIT_SECONDS: Record<TimeUnit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

const ACCESS_OR_ID_BOUNDS = { min: 5 * 60, max: 86400 };
const REFRESH_BOUNDS = { min: 60 * 60, max: 3650 * 86400 };
const DEFAULT_REFRESH_SECONDS = 30 * 86400;
/** What access and ID tokens last when the client does not say (Cognito: one hour). */
export const DEFAULT_ACCESS_OR_ID_SECONDS = 3600;

export interface TokenValidityInput {
  RefreshTokenValidity?: number;
  AccessTokenValidity?: number;
  IdTokenValidity?: number;
  TokenValidityUnits?: TokenValidityUnits;
}

export interface TokenValidity {
  RefreshTokenValidity: number;
  AccessTokenValidity?: number;
  IdTokenValidity?: number;
  TokenValidityUnits: TokenValidityUnits;
}

const invalidRange = () => new InvalidParameterException("Invalid range for token validity.");

function checkRange(value: number, unit: TimeUnit, bounds: { min: number; max: number }): void {
  const seconds = value * UNIT_SECONDS[unit];
  if (!Number.isFinite(seconds) || seconds < bounds.min || seconds > bounds.max) throw invalidRange();
}

/** Applies defaults and bounds; `previous` is the client being updated, if any. */
export function resolveTokenValidity(input: TokenValidityInput, previous?: TokenValidity): TokenValidity {
  const units: TokenValidityUnits = {};
  if (input.TokenValidityUnits?.AccessToken) units.AccessToken = input.TokenValidityUnits.AccessToken;
  if (input.TokenValidityUnits?.IdToken) units.IdToken = input.TokenValidityUnits.IdToken;
  if (input.TokenValidityUnits?.RefreshToken) units.RefreshToken = input.TokenValidityUnits.RefreshToken;

  let refresh = input.RefreshTokenValidity;
  if (refresh === undefined && previous) {
    refresh = previous.RefreshTokenValidity;
    const previousUnit = previous.TokenValidityUnits?.RefreshToken;
    if (!units.RefreshToken && previousUnit) {
      units.RefreshToken = previousUnit;
    }
  }
  const refreshUnit = units.RefreshToken ?? "days";
  if (refresh === undefined || refresh === 0) refresh = DEFAULT_REFRESH_SECONDS / UNIT_SECONDS[refreshUnit];
  checkRange(refresh, refreshUnit, REFRESH_BOUNDS);

  const resolved: TokenValidity = { RefreshTokenValidity: refresh, TokenValidityUnits: units };
  if (input.AccessTokenValidity !== undefined) {
    checkRange(input.AccessTokenValidity, units.AccessToken ?? "hours", ACCESS_OR_ID_BOUNDS);
    resolved.AccessTokenValidity = input.AccessTokenValidity;
  }
  if (input.IdTokenValidity !== undefined) {
    checkRange(input.IdTokenValidity, units.IdToken ?? "hours", ACCESS_OR_ID_BOUNDS);
    resolved.IdTokenValidity = input.IdTokenValidity;
  }
  return resolved;
}

/** Lifetimes in seconds, for the code that mints tokens. */
export function tokenLifetimesInSeconds(validity: TokenValidity): {
  access: number;
  id: number;
  refresh: number;
} {
  const units = validity.TokenValidityUnits;
  return {
    access:
      validity.AccessTokenValidity === undefined
        ? DEFAULT_ACCESS_OR_ID_SECONDS
        : validity.AccessTokenValidity * UNIT_SECONDS[units.AccessToken ?? "hours"],
    id:
      validity.IdTokenValidity === undefined
        ? DEFAULT_ACCESS_OR_ID_SECONDS
        : validity.IdTokenValidity * UNIT_SECONDS[units.IdToken ?? "hours"],
    refresh: validity.RefreshTokenValidity * UNIT_SECONDS[units.RefreshToken ?? "days"],
  };
}
