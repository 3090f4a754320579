import type { JsonObject } from "../../shared/json.js";

// The `cognate export` format (NDJSON, one record per line), version 2:
//   {"type":"header","format":"cognate-dump","version":2,"exportedAt","region","accountId","secrets":{…}}
//   per pool, in this order: userPool, signingKey*, client*, group*, resourceServer*, domain*, then per
//   page of users: user*, mfa*, device*, passkey* (of those users); then membership*
//   {"type":"end","counts":{…}}   (its absence means the dump was cut short)
// Version 1 (no mfa/device/passkey records) is still read.
// Ids (pool ids, client ids, subs, kids) are kept, so apps and tokens keep working after a move.
// Dates are ISO-8601 strings. Password hashes are PHC/MCF strings, in the clear (they are slow hashes).
// Secrets (SRP verifiers, client secrets, signing keys, TOTP secrets, device verifiers) are sealed under the
// export passphrase, purpose-bound
// to their record; exported without a passphrase they are left out and every affected record says which
// in `secretsOmitted`, and the header lists them too. Unknown record types and fields are refused, so a
// newer dump is never half-read by an older Cognate.

export const DUMP_FORMAT = "cognate-dump";
export const DUMP_VERSION = 2;
/** The versions this Cognate imports. */
export const READABLE_DUMP_VERSIONS: readonly number[] = [1, 2];

export const SECRET_KINDS = [
  "srpVerifiers",
  "clientSecrets",
  "signingKeys",
  "totpSecrets",
  "deviceVerifiers",
] as const;

export interface DumpHeader {
  type: "header";
  format: typeof DUMP_FORMAT;
  version: number;
  exportedAt: string;
  region: string;
  accountId: string;
  /** included: sealed under the passphrase (kdf + check open them); otherwise the kinds left out. */
  secrets: { included: true; kdf: JsonObject; check: string } | { included: false; omitted: string[] };
}

export interface PoolRecord {
  type: "userPool";
  id: string;
  settings: JsonObject;
  createdAt: string;
  lastModifiedAt: string;
}

export interface SigningKeyRecord {
  type: "signingKey";
  userPoolId: string;
  kid: string;
  use: "id" | "access";
  algorithm: "RS256";
  privateJwk: string;
  publicJwk: Record<string, string>;
  createdAt: string;
  retiredAt: string | null;
  expiresAt: string | null;
}

export interface ClientRecord {
  type: "client";
  userPoolId: string;
  clientId: string;
  settings: JsonObject;
  createdAt: string;
  lastModifiedAt: string;
  secrets: Array<{ secretId: string; createdAt: string; value: string }>;
  secretsOmitted?: ["clientSecrets"];
}

export interface GroupRecord {
  type: "group";
  userPoolId: string;
  groupName: string;
  description: string | null;
  roleArn: string | null;
  precedence: number | null;
  createdAt: string;
  lastModifiedAt: string;
}

export interface UserRecord {
  type: "user";
  userPoolId: string;
  sub: string;
  username: string;
  status: string;
  enabled: boolean;
  attributes: Record<string, string>;
  pendingAttributes?: Record<string, string>;
  /** hash: PHC/MCF string; srpVerifier sealed under the passphrase (null when the user has none). */
  password: { hash: string; srpSaltHex: string | null; srpVerifier: string | null; changedAt: string } | null;
  secretsOmitted?: ["srpVerifier"];
  passwordHistory: string[];
  temporaryPasswordExpiresAt: string | null;
  tokensRevokedAt: string | null;
  createdAt: string;
  lastModifiedAt: string;
}

export interface ResourceServerRecord {
  type: "resourceServer";
  userPoolId: string;
  identifier: string;
  name: string;
  scopes: Array<{ ScopeName: string; ScopeDescription: string }>;
  createdAt: string;
  lastModifiedAt: string;
}

export interface DomainRecord {
  type: "domain";
  userPoolId: string;
  domain: string;
  kind: "prefix" | "custom";
  managedLoginVersion: number;
  customDomainConfig: JsonObject | null;
  createdAt: string;
  lastModifiedAt: string;
}

export interface MembershipRecord {
  type: "membership";
  userPoolId: string;
  groupName: string;
  sub: string;
}

/**
 * A user's MFA settings. totpSecret: the verified TOTP secret (base32) sealed under the passphrase (null
 * when none). A secret handed out by AssociateSoftwareToken but not yet verified is not exported.
 * recoveryCodeHashes: keyed with the exporting instance's master key, so they verify only where that
 * key is used; elsewhere the user asks for new codes.
 */
export interface MfaRecord {
  type: "mfa";
  userPoolId: string;
  sub: string;
  enabled: { SMS_MFA: boolean; SOFTWARE_TOKEN_MFA: boolean; EMAIL_OTP: boolean };
  preferred: string | null;
  totpSecret: string | null;
  totpDeviceName: string | null;
  totpLastStep: number | null;
  recoveryCodeHashes: string[];
  updatedAt: string;
  secretsOmitted?: ["totpSecret"];
}

/** A remembered (or confirmed) device; verifier sealed under the passphrase, null when left out. */
export interface DeviceRecord {
  type: "device";
  userPoolId: string;
  sub: string;
  deviceKey: string;
  deviceGroupKey: string;
  saltHex: string;
  verifier: string | null;
  deviceName: string | null;
  rememberedStatus: "remembered" | "not_remembered";
  lastIp: string | null;
  createdAt: string;
  lastModifiedAt: string;
  lastAuthenticatedAt: string | null;
  secretsOmitted?: ["deviceVerifier"];
}

/** A passkey (WebAuthn credential): its public key is not a secret. */
export interface PasskeyRecord {
  type: "passkey";
  userPoolId: string;
  sub: string;
  credentialId: string;
  publicKey: string;
  signCount: number;
  transports: string[];
  friendlyName: string | null;
  relyingPartyId: string;
  authenticatorAttachment: string | null;
  createdAt: string;
}

export interface EndRecord {
  type: "end";
  counts: DumpCounts;
}

export type DumpRecord =
  | DumpHeader
  | PoolRecord
  | SigningKeyRecord
  | ClientRecord
  | GroupRecord
  | ResourceServerRecord
  | DomainRecord
  | UserRecord
  | MembershipRecord
  | MfaRecord
  | DeviceRecord
  | PasskeyRecord
  | EndRecord;

export interface DumpCounts {
  userPools: number;
  signingKeys: number;
  clients: number;
  groups: number;
  resourceServers: number;
  domains: number;
  users: number;
  memberships: number;
  mfa: number;
  devices: number;
  passkeys: number;
}

export const emptyCounts = (): DumpCounts => ({
  userPools: 0,
  signingKeys: 0,
  clients: 0,
  groups: 0,
  resourceServers: 0,
  domains: 0,
  users: 0,
  memberships: 0,
  mfa: 0,
  devices: 0,
  passkeys: 0,
});

/** The purposes dump secrets are sealed under: each names its record. */
export const dumpPurpose = {
  srpVerifier: (userPoolId: string, sub: string) => `srp-verifier:${userPoolId}:${sub}`,
  clientSecret: (clientId: string, secretId: string) => `client-secret:${clientId}:${secretId}`,
  signingKey: (kid: string) => `signing-key:${kid}`,
  totpSecret: (userPoolId: string, sub: string) => `totp-secret:${userPoolId}:${sub}`,
  deviceVerifier: (userPoolId: string, deviceKey: string) => `device-verifier:${userPoolId}:${deviceKey}`,
};

export const isoOrNull = (date: Date | null) => (date === null ? null : date.toISOString());
export const dateOrNull = (text: string | null | undefined) => (text ? new Date(text) : null);
