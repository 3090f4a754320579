// Row types of the sign-in security tables (migrations 0008–0011: MFA, devices, passkeys, audit log).
// schema.ts merges SignInSecurityTables into Database.

import type { Generated } from "kysely";

export interface UserMfaTable {
  sub: string;
  user_pool_id: string;
  totp_secret_sealed: string | null;
  totp_pending_secret_sealed: string | null;
  totp_device_name: string | null;
  totp_last_step: number | null;
  sms_enabled: Generated<number>;
  totp_enabled: Generated<number>;
  email_enabled: Generated<number>;
  preferred: string | null;
  updated_at: number;
}

export interface MfaRecoveryCodesTable {
  sub: string;
  code_hash: string;
  user_pool_id: string;
  created_at: number;
}

export interface MfaChallengeAttemptsTable {
  challenge_id: string;
  sub: string;
  failures: Generated<number>;
  closed: Generated<number>;
  expires_at: number;
}

export interface SignInSecurityTables {
  user_mfa: UserMfaTable;
  mfa_recovery_codes: MfaRecoveryCodesTable;
  mfa_challenge_attempts: MfaChallengeAttemptsTable;
}

// Remembered devices (migration 0009); merged into Database by interface declaration merging.
export interface DevicesTable {
  device_key: string;
  user_pool_id: string;
  sub: string;
  device_group_key: string;
  salt_hex: string;
  verifier_sealed: string;
  device_name: string | null;
  remembered: number;
  last_ip: string | null;
  created_at: number;
  last_modified_at: number;
  last_authenticated_at: number | null;
}

export interface SignInSecurityTables {
  devices: DevicesTable;
}

// Passkeys (migration 0010); merged into Database by interface declaration merging.
export interface WebAuthnCredentialsTable {
  user_pool_id: string;
  credential_id: string;
  sub: string;
  public_key: string;
  sign_count: number;
  transports_json: string;
  friendly_name: string | null;
  relying_party_id: string;
  authenticator_attachment: string | null;
  created_at: number;
}

export interface WebAuthnChallengesTable {
  challenge_hash: string;
  user_pool_id: string;
  sub: string;
  client_id: string;
  purpose: string;
  expires_at: number;
  created_at: number;
}

export interface SignInSecurityTables {
  webauthn_credentials: WebAuthnCredentialsTable;
  webauthn_challenges: WebAuthnChallengesTable;
}

// The audit log (migration 0011); merged into Database by interface declaration merging.
export interface AuditEventsTable {
  id: string;
  at: number;
  user_pool_id: string | null;
  kind: string;
  name: string;
  source: string | null;
  target: string | null;
  outcome: string;
  duration_ms: number | null;
  error: string | null;
}

export interface SignInSecurityTables {
  audit_events: AuditEventsTable;
}
