// What CreateUserPoolClient, DescribeUserPoolClient and UpdateUserPoolClient return (UserPoolClientType).
// - ClientSecret is the client's oldest active secret: during a rotation Describe keeps showing the secret
//   the client already had, until it is deleted (then the newer one).
// - Optional settings that were not given are left out, as Cognito leaves them out.
// - ClientType is REGULAR: Cognate has no dynamic client registration.

import { type ClientSettings, fromStoredSettings, type UserPoolClient } from "./user-pool-client.js";

export interface UserPoolClientDescription extends ClientSettings {
  UserPoolId: string;
  ClientId: string;
  ClientSecret?: string;
  CreationDate: Date;
  LastModifiedDate: Date;
  ClientType: "REGULAR";
}

export function describeClient(client: UserPoolClient, clientSecret?: string): UserPoolClientDescription {
  const settings = fromStoredSettings(client.settings);
  const description: UserPoolClientDescription = {
    UserPoolId: client.userPoolId,
    ClientId: client.clientId,
    ...settings,
    TokenValidityUnits: settings.TokenValidityUnits ?? {},
    CreationDate: client.createdAt,
    LastModifiedDate: client.lastModifiedAt,
    ClientType: "REGULAR",
  };
  if (clientSecret !== undefined) description.ClientSecret = clientSecret;
  return description;
}

/** ListUserPoolClients shows only the name and ids. */
export function summarizeClient(client: UserPoolClient): {
  ClientId: string;
  UserPoolId: string;
  ClientName: string;
} {
  return { ClientId: client.clientId, UserPoolId: client.userPoolId, ClientName: client.settings.ClientName };
}
