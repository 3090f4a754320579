import {
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  type ExplicitAuthFlowsType,
} from "@aws-sdk/client-cognito-identity-provider";
import { beforeAll } from "vitest";
import type { Backend } from "../../support/server.js";
import { extendSuite, useTestServer } from "../../support/suite-server.js";

export type ClientInput = Omit<CreateUserPoolClientCommandInput, "UserPoolId">;

/** Every configurable member set (the smithy example, extended with the newer members). */
export const FULL: ClientInput = {
  ClientName: "full-client",
  GenerateSecret: true,
  RefreshTokenValidity: 10,
  AccessTokenValidity: 30,
  IdTokenValidity: 2,
  TokenValidityUnits: { AccessToken: "minutes", IdToken: "hours", RefreshToken: "days" },
  ReadAttributes: ["email", "address", "preferred_username", "custom:tier"],
  WriteAttributes: ["family_name", "email", "custom:tier"],
  ExplicitAuthFlows: [
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
  ],
  SupportedIdentityProviders: ["COGNITO"],
  CallbackURLs: ["https://example.com", "http://localhost", "http://localhost:3000/cb", "myapp://example"],
  LogoutURLs: ["https://example.com/logout", "http://127.0.0.1:8080/bye"],
  DefaultRedirectURI: "https://example.com",
  AllowedOAuthFlows: ["code", "implicit"],
  AllowedOAuthScopes: ["aws.cognito.signin.user.admin", "openid", "email", "my-api/read"],
  AllowedOAuthFlowsUserPoolClient: true,
  AnalyticsConfiguration: {
    ApplicationId: "d70b2ba36a8c4dc5a04a0451a31a1e12",
    ExternalId: "my-external-id",
    RoleArn: "arn:aws:iam::123456789012:role/test-cognitouserpool-role",
    UserDataShared: true,
  },
  PreventUserExistenceErrors: "ENABLED",
  EnableTokenRevocation: false,
  EnablePropagateAdditionalUserContextData: true,
  AuthSessionValidity: 7,
  RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 30 },
};

export const { GenerateSecret: _generate, ...FULL_SETTINGS } = FULL;

export const DEFAULT_FLOWS: ExplicitAuthFlowsType[] = [
  "ALLOW_CUSTOM_AUTH",
  "ALLOW_REFRESH_TOKEN_AUTH",
  "ALLOW_USER_SRP_AUTH",
];

/** A server for the enclosing describe block and a pool (`poolId`) with a custom attribute and a resource server. */
export function useAppClients(backend: Backend) {
  const ctx = useTestServer({ backend });
  let poolId: string;

  const createPool = async (name: string) => {
    const out = await ctx.cognito.send(
      new CreateUserPoolCommand({
        PoolName: name,
        Schema: [{ Name: "tier", AttributeDataType: "String", Mutable: true }],
      }),
    );
    const userPoolId = out.UserPool!.Id!;
    // AllowedOAuthScopes may only name custom scopes that a resource server defines.
    await ctx.cognito.send(
      new CreateResourceServerCommand({
        UserPoolId: userPoolId,
        Identifier: "my-api",
        Name: "My API",
        Scopes: [
          { ScopeName: "read", ScopeDescription: "Read" },
          { ScopeName: "write", ScopeDescription: "Write" },
        ],
      }),
    );
    return userPoolId;
  };
  const create = async (input: ClientInput, userPoolId = poolId) =>
    (await ctx.cognito.send(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ...input })))
      .UserPoolClient!;
  const describeClient = async (clientId: string, userPoolId = poolId) =>
    (
      await ctx.cognito.send(
        new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }),
      )
    ).UserPoolClient!;

  beforeAll(async () => {
    poolId = await createPool("clients");
  });

  return extendSuite(ctx, {
    get poolId() {
      return poolId;
    },
    createPool,
    create,
    describeClient,
  });
}
