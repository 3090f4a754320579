import type { Generated } from "kysely";

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
