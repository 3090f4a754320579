import type { JsonObject } from "../../shared/json.js";

// The `cognate export` format (NDJSON, one record per line), version 1:
//   {"type":"header","format":"cognate-dump","version":1,"exportedAt","region","accountId","secrets":{…}}
//   per pool, in this order: userPool, signingKey*, client*, group*, resourceServer*, domain*, user*,
//   membership*
//   {"type":"end","counts":{…}}   (its absence means the dump was cut short)
// Ids (pool ids, client ids, subs, kids) are kept, so apps and tokens keep working after a move.
// Dates are ISO-8601 strings. Password hashes are PHC/MCF strings, in the clear (they are slow hashes).
// Secrets (SRP verifiers, client secrets, signing keys) are sealed under the export passphrase, purpose-bound
// to their record; exported without a passphrase they are left out and every affected record says which
// in `secretsOmitted`, and the header lists them too. Unknown record types and fields are refused, so a
// newer dump is never half-read by an older Cognate.

export const DUMP_FORMAT = "cognate-dump";
export const DUMP_VERSION = 1;

export const SECRET_KINDS = ["srpVerifiers", "clientSecrets", "signingKeys"] as const;

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
});

/** The purposes dump secrets are sealed under: each names its record. */
export const dumpPurpose = {
  srpVerifier: (userPoolId: string, sub: string) => `srp-verifier:${userPoolId}:${sub}`,
  clientSecret: (clientId: string, secretId: string) => `client-secret:${clientId}:${secretId}`,
  signingKey: (kid: string) => `signing-key:${kid}`,
};

export const isoOrNull = (date: Date | null) => (date === null ? null : date.toISOString());
export const dateOrNull = (text: string | null | undefined) => (text ? new Date(text) : null);
