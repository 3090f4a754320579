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

export interface Database {
  user_pools: UserPoolsTable;
  user_pool_clients: UserPoolClientsTable;
  user_pool_client_secrets: UserPoolClientSecretsTable;
}
