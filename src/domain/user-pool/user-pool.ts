import type { JsonObject } from "../../shared/json.js";
import { ResourceNotFoundException } from "../errors.js";

/**
 * A user pool's configuration, with Cognito's own field names (PascalCase), so what CreateUserPool stores
 * is what DescribeUserPool returns. Settings are stored already normalised (Cognito's defaults applied,
 * the full SchemaAttributes list built), so readers never re-derive defaults.
 *
 * Keys are UserPoolType's members, plus `PoolName` (DescribeUserPool reports it as `Name`) and the MFA
 * settings that only Get/SetUserPoolMfaConfig show: `SoftwareTokenMfaConfiguration`,
 * `EmailMfaConfiguration`, `WebAuthnConfiguration` (see MFA_ONLY_FIELDS).
 * Server-owned fields (Id, Arn, dates, counts) are kept outside it.
 */
export type UserPoolSettings = JsonObject & { PoolName: string };

export interface UserPool {
  id: string;
  settings: UserPoolSettings;
  createdAt: Date;
  lastModifiedAt: Date;
}

/** Settings kept on the pool that DescribeUserPool does not show (GetUserPoolMfaConfig does). */
export const MFA_ONLY_FIELDS = [
  "SoftwareTokenMfaConfiguration",
  "EmailMfaConfiguration",
  "WebAuthnConfiguration",
];

/** Cognito's answer for a pool id that does not exist. */
export const userPoolNotFound = (userPoolId: string) =>
  new ResourceNotFoundException(`User pool ${userPoolId} does not exist.`);
