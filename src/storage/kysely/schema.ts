import type { Generated } from "kysely";
import type { SignInSecurityTables } from "./schema-sign-in-security.js";

/** Row types as Kysely sees them. Timestamps are epoch milliseconds; JSON documents are text. */
export interface UserPoolsTable {
  id: string;
  name: string;
  settings_json: string;
  created_at: number;
  last_modified_at: number;
}

export interface UserPoolClientsTable {
  client_id: string;
  user_pool_id: string;
  client_name: string;
  settings_json: string;
  created_at: number;
  last_modified_at: number;
}

export interface UserPoolClientSecretsTable {
  secret_id: string;
  client_id: string;
  sealed_value: string;
  created_at: number;
}

export interface UsersTable {
  sub: string;
  user_pool_id: string;
  username: string;
  username_key: string;
  status: string;
  enabled: number;
  attributes_json: string;
  pending_attributes_json: string | null;
  email: string | null;
  phone_number: string | null;
  name: string | null;
  given_name: string | null;
  family_name: string | null;
  preferred_username: string | null;
  password_hash: string | null;
  srp_salt: string | null;
  srp_verifier_sealed: string | null;
  password_changed_at: number | null;
  password_history_json: string;
  temporary_password_expires_at: number | null;
  tokens_revoked_at: number | null;
  failed_sign_ins: Generated<number>;
  last_failed_sign_in_at: number | null;
  created_at: number;
  last_modified_at: number;
}

export interface UserAliasesTable {
  user_pool_id: string;
  kind: string;
  value: string;
  sub: string;
}

export interface GroupsTable {
  user_pool_id: string;
  group_name: string;
  description: string | null;
  role_arn: string | null;
  precedence: number | null;
  created_at: number;
  last_modified_at: number;
}

export interface GroupMembersTable {
  user_pool_id: string;
  group_name: string;
  sub: string;
  added_at: number;
}

export interface OneTimeCodesTable {
  user_pool_id: string;
  sub: string;
  purpose: string;
  code_hash: string;
  attempts: Generated<number>;
  expires_at: number;
  created_at: number;
}

export interface RefreshTokenFamiliesTable {
  family_id: string;
  user_pool_id: string;
  client_id: string;
  sub: string;
  revoked_at: number | null;
  created_at: number;
}

export interface RefreshTokensTable {
  token_hash: string;
  family_id: string;
  user_pool_id: string;
  client_id: string;
  sub: string;
  scopes: string;
  device_key: string | null;
  auth_time: number;
  created_at: number;
  expires_at: number;
  rotated_at: number | null;
}

export interface SigningKeysTable {
  kid: string;
  user_pool_id: string;
  key_use: string;
  algorithm: string;
  private_key_sealed: string;
  public_jwk_json: string;
  created_at: number;
  retired_at: number | null;
  expires_at: number | null;
}

export interface Database {
  groups: GroupsTable;
  group_members: GroupMembersTable;
  one_time_codes: OneTimeCodesTable;
  refresh_token_families: RefreshTokenFamiliesTable;
  refresh_tokens: RefreshTokensTable;
  signing_keys: SigningKeysTable;
  users: UsersTable;
  user_aliases: UserAliasesTable;
  user_pools: UserPoolsTable;
  user_pool_clients: UserPoolClientsTable;
  user_pool_client_secrets: UserPoolClientSecretsTable;
}

// Hosted UI (migration 0005); merged into Database by interface declaration merging.
export interface HostedUiSessionsTable {
  id_hash: string;
  user_pool_id: string;
  sub: string;
  auth_time: number;
  created_at: number;
  expires_at: number;
}

export interface UiCustomizationsTable {
  user_pool_id: string;
  client_key: string;
  css: string | null;
  image_base64: string | null;
  image_type: string | null;
  version: string;
  created_at: number;
  last_modified_at: number;
}

export interface Database {
  hosted_ui_sessions: HostedUiSessionsTable;
  ui_customizations: UiCustomizationsTable;
}

// OAuth 2.0 provider (migration 0004); merged into Database by interface declaration merging.
export interface OAuth2AuthorizationCodesTable {
  code_hash: string;
  user_pool_id: string;
  client_id: string;
  sub: string;
  redirect_uri: string;
  scopes: string;
  code_challenge: string | null;
  nonce: string | null;
  auth_time: number;
  family_id: string;
  created_at: number;
  expires_at: number;
  consumed_at: number | null;
  replayed_at: number | null;
}

export interface ResourceServersTable {
  user_pool_id: string;
  identifier: string;
  name: string;
  scopes_json: string;
  created_at: number;
  last_modified_at: number;
}

export interface UserPoolDomainsTable {
  domain: string;
  user_pool_id: string;
  kind: string;
  managed_login_version: number;
  custom_domain_config_json: string | null;
  created_at: number;
  last_modified_at: number;
}

export interface Database {
  oauth2_authorization_codes: OAuth2AuthorizationCodesTable;
  resource_servers: ResourceServersTable;
  user_pool_domains: UserPoolDomainsTable;
}

// CSV user import jobs (migration 0007); merged into Database by interface declaration merging.
export interface UserImportJobsTable {
  job_id: string;
  user_pool_id: string;
  job_name: string;
  cloudwatch_logs_role_arn: string;
  status: string;
  created_at: number;
  started_at: number | null;
  completed_at: number | null;
  imported_users: Generated<number>;
  skipped_users: Generated<number>;
  failed_users: Generated<number>;
  completion_message: string | null;
  uploaded_chars: Generated<number>;
  processed_rows: Generated<number>;
  heartbeat_at: number | null;
}

export interface UserImportJobCsvTable {
  job_id: string;
  seq: number;
  data: string;
}

export interface UserImportJobLogTable {
  job_id: string;
  line_number: number;
  outcome: string;
  message: string;
  at: number;
}

export interface Database {
  user_import_jobs: UserImportJobsTable;
  user_import_job_csv: UserImportJobCsvTable;
  user_import_job_log: UserImportJobLogTable;
}

export interface Database extends SignInSecurityTables {}

export type {
  DevicesTable,
  UserMfaTable,
  WebAuthnCredentialsTable,
} from "./schema-sign-in-security.js";
