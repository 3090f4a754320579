import type { JsonObject } from "../../shared/json.js";

/** An app client's configuration with Cognito's field names; ids, secrets and dates live outside it. */
export type UserPoolClientSettings = JsonObject & { ClientName: string };

export interface UserPoolClient {
  clientId: string;
  userPoolId: string;
  settings: UserPoolClientSettings;
  createdAt: Date;
  lastModifiedAt: Date;
}

/** A client secret as stored: the value is sealed with the master key. */
export interface StoredClientSecret {
  secretId: string;
  clientId: string;
  sealedValue: string;
  createdAt: Date;
}
