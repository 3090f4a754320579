import {
  type CognitoIdentityProviderClient,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  DeleteUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  type ExplicitAuthFlowsType,
  ListUserPoolClientsCommand,
  UpdateUserPoolClientCommand,
  type UserPoolClientType,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

const backends = await testBackends();

type ClientInput = Omit<CreateUserPoolClientCommandInput, "UserPoolId">;

/** Every configurable member set (the smithy example, extended with the newer members). */
const FULL: ClientInput = {
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

const { GenerateSecret: _generate, ...FULL_SETTINGS } = FULL;

const DEFAULT_FLOWS: ExplicitAuthFlowsType[] = [
  "ALLOW_CUSTOM_AUTH",
  "ALLOW_REFRESH_TOKEN_AUTH",
  "ALLOW_USER_SRP_AUTH",
];

describe.each(backends)("app clients on %s", (backend) => {
  let server: TestServer;
  let cognito: CognitoIdentityProviderClient;
  let poolId: string;

  const createPool = async (name: string) => {
    const out = await cognito.send(
      new CreateUserPoolCommand({
        PoolName: name,
        Schema: [{ Name: "tier", AttributeDataType: "String", Mutable: true }],
      }),
    );
    const userPoolId = out.UserPool!.Id!;
    // AllowedOAuthScopes may only name custom scopes that a resource server defines.
    await cognito.send(
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
    (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ...input })))
      .UserPoolClient!;
  const describeClient = async (clientId: string, userPoolId = poolId) =>
    (await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId })))
      .UserPoolClient!;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    cognito = server.adminClient();
    poolId = await createPool("clients");
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("CreateUserPoolClient stores every member and DescribeUserPoolClient returns each", async () => {
    const before = Date.now();
    const created = await create(FULL);
    expect(created).toEqual({
      ...FULL_SETTINGS,
      UserPoolId: poolId,
      ClientId: expect.stringMatching(/^[a-z0-9]{26}$/),
      ClientSecret: expect.stringMatching(/^[a-z0-9]{51}$/),
      CreationDate: expect.any(Date),
      LastModifiedDate: expect.any(Date),
      ClientType: "REGULAR",
    });
    expect(created.CreationDate!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(created.LastModifiedDate).toEqual(created.CreationDate);
    expect(await describeClient(created.ClientId!)).toEqual(created);
  });

  it("a minimal client gets Cognito's defaults, and no secret", async () => {
    const created = await create({ ClientName: "minimal" });
    const expected: UserPoolClientType = {
      UserPoolId: poolId,
      ClientName: "minimal",
      ClientId: created.ClientId,
      CreationDate: created.CreationDate,
      LastModifiedDate: created.CreationDate,
      RefreshTokenValidity: 30,
      TokenValidityUnits: {},
      ExplicitAuthFlows: DEFAULT_FLOWS,
      AllowedOAuthFlowsUserPoolClient: false,
      EnableTokenRevocation: true,
      EnablePropagateAdditionalUserContextData: false,
      AuthSessionValidity: 3,
      ClientType: "REGULAR",
    };
    expect(created).toEqual(expected);
    expect(await describeClient(created.ClientId!)).toEqual(expected);
  });

  it("RefreshTokenValidity 0 means 30 days, in the refresh unit given", async () => {
    const inDays = await create({ ClientName: "zero", RefreshTokenValidity: 0 });
    expect(inDays.RefreshTokenValidity).toBe(30);
    const inHours = await create({
      ClientName: "zero-hours",
      RefreshTokenValidity: 0,
      TokenValidityUnits: { RefreshToken: "hours" },
    });
    expect(inHours.RefreshTokenValidity).toBe(720);
    expect(inHours.TokenValidityUnits).toEqual({ RefreshToken: "hours" });
  });

  it("accepts the edges of every token validity range", async () => {
    const edges = await create({
      ClientName: "edges",
      AccessTokenValidity: 5,
      IdTokenValidity: 86400,
      RefreshTokenValidity: 3650,
      TokenValidityUnits: { AccessToken: "minutes", IdToken: "seconds", RefreshToken: "days" },
    });
    expect(edges).toMatchObject({
      AccessTokenValidity: 5,
      IdTokenValidity: 86400,
      RefreshTokenValidity: 3650,
    });
    const low = await create({
      ClientName: "low",
      RefreshTokenValidity: 60,
      AccessTokenValidity: 300,
      IdTokenValidity: 1,
      TokenValidityUnits: { RefreshToken: "minutes", AccessToken: "seconds", IdToken: "days" },
    });
    expect(low).toMatchObject({ RefreshTokenValidity: 60, AccessTokenValidity: 300, IdTokenValidity: 1 });
  });

  it("drops duplicate list entries and keeps legacy auth flow names", async () => {
    const created = await create({
      ClientName: "dupes",
      ExplicitAuthFlows: ["USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH", "USER_PASSWORD_AUTH"],
      CallbackURLs: ["https://a.example", "https://a.example"],
    });
    expect(created.ExplicitAuthFlows).toEqual(["USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"]);
    expect(created.CallbackURLs).toEqual(["https://a.example"]);
  });

  it("ListUserPoolClients pages through 7 clients 3 at a time", async () => {
    const listPool = await createPool("list");
    const names = ["c1", "c2", "c3", "c4", "c5", "c6", "c7"];
    const ids: string[] = [];
    for (const name of names) ids.push((await create({ ClientName: name }, listPool)).ClientId!);

    const pages: { ClientId?: string; UserPoolId?: string; ClientName?: string }[][] = [];
    let NextToken: string | undefined;
    do {
      const page = await cognito.send(
        new ListUserPoolClientsCommand({ UserPoolId: listPool, MaxResults: 3, NextToken }),
      );
      pages.push(page.UserPoolClients ?? []);
      NextToken = page.NextToken;
    } while (NextToken);
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    const all = pages.flat();
    expect(all.map((entry) => Object.keys(entry).sort())).toEqual(
      all.map(() => ["ClientId", "ClientName", "UserPoolId"]),
    );
    expect(all.map((entry) => entry.UserPoolId)).toEqual(all.map(() => listPool));
    expect(all.map((entry) => entry.ClientId).sort()).toEqual([...ids].sort());
    expect(all.map((entry) => entry.ClientName).sort()).toEqual(names);

    const whole = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: listPool }));
    expect(whole.UserPoolClients).toHaveLength(7);
    expect(whole.NextToken).toBeUndefined();
    const dcr = await cognito.send(
      new ListUserPoolClientsCommand({ UserPoolId: listPool, ClientType: "DCR" }),
    );
    expect(dcr.UserPoolClients).toEqual([]);
  });

  it("ListUserPoolClients refuses a forged NextToken and a MaxResults outside 1–60", async () => {
    await expect(
      cognito.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, NextToken: "not-a-token" })),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: expect.stringMatching(/^Paging marker not-a-token is invalid for request \S+$/),
    });
    for (const MaxResults of [0, 61]) {
      await expect(
        cognito.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults })),
      ).rejects.toMatchObject({
        name: "InvalidParameterException",
        message: expect.stringContaining(
          `Value '${MaxResults}' at 'maxResults' failed to satisfy constraint`,
        ),
      });
    }
  });

  it("UpdateUserPoolClient replaces the configuration: omitted members go back to their defaults", async () => {
    const created = await create(FULL);
    await new Promise((resolve) => setTimeout(resolve, 15));
    const updated = (
      await cognito.send(
        new UpdateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientId: created.ClientId,
          AccessTokenValidity: 2,
          ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        }),
      )
    ).UserPoolClient!;
    expect(updated).toEqual({
      UserPoolId: poolId,
      ClientId: created.ClientId,
      // Kept: the name, the secret, and the members Cognito keeps when an update omits them.
      ClientName: "full-client",
      ClientSecret: created.ClientSecret,
      RefreshTokenValidity: 10,
      TokenValidityUnits: { RefreshToken: "days" },
      EnableTokenRevocation: false,
      AuthSessionValidity: 7,
      // Given.
      AccessTokenValidity: 2,
      ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      // Back to defaults.
      AllowedOAuthFlowsUserPoolClient: false,
      EnablePropagateAdditionalUserContextData: false,
      CreationDate: created.CreationDate,
      LastModifiedDate: expect.any(Date),
      ClientType: "REGULAR",
    });
    expect(updated.LastModifiedDate!.getTime()).toBeGreaterThan(created.LastModifiedDate!.getTime());
    expect(await describeClient(created.ClientId!)).toEqual(updated);

    const renamed = (
      await cognito.send(
        new UpdateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientId: created.ClientId,
          ClientName: "renamed",
        }),
      )
    ).UserPoolClient!;
    expect(renamed.ClientName).toBe("renamed");
    // An update without ExplicitAuthFlows leaves none stored, as Cognito does.
    expect(renamed.ExplicitAuthFlows).toBeUndefined();
    const listed = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: poolId }));
    expect(listed.UserPoolClients).toContainEqual({
      ClientId: created.ClientId,
      UserPoolId: poolId,
      ClientName: "renamed",
    });
  });

  it("UpdateUserPoolClient can set every member again", async () => {
    const created = await create({ ClientName: "bare" });
    const {
      ClientName: _name,
      GenerateSecret: _secret,
      EnablePropagateAdditionalUserContextData: _p,
      ...rest
    } = FULL;
    const updated = (
      await cognito.send(
        new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: created.ClientId, ...rest }),
      )
    ).UserPoolClient!;
    expect(updated).toEqual({
      ...rest,
      ClientName: "bare",
      EnablePropagateAdditionalUserContextData: false,
      UserPoolId: poolId,
      ClientId: created.ClientId,
      CreationDate: created.CreationDate,
      LastModifiedDate: expect.any(Date),
      ClientType: "REGULAR",
    });
  });

  it("UpdateUserPoolClient applies the same rules, worded for an update", async () => {
    const created = await create({ ClientName: "public" });
    const update = (input: Omit<ClientInput, "ClientName">) =>
      cognito.send(
        new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: created.ClientId, ...input }),
      );
    await expect(update({ ReadAttributes: ["custom:missing"] })).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid read attributes specified while updating a client",
    });
    await expect(
      update({
        AllowedOAuthFlows: ["client_credentials"],
        AllowedOAuthScopes: ["my-api/read"],
        AllowedOAuthFlowsUserPoolClient: true,
      }),
    ).rejects.toMatchObject({
      name: "InvalidOAuthFlowException",
      message: "client_credentials flow can not be selected if client does not have a client secret.",
    });
    await expect(update({ IdTokenValidity: 0 })).rejects.toMatchObject({ name: "InvalidParameterException" });
    // Nothing was changed by the refused updates.
    expect((await describeClient(created.ClientId!)).ExplicitAuthFlows).toEqual(DEFAULT_FLOWS);
  });

  it("DeleteUserPoolClient removes the client", async () => {
    const created = await create({ ClientName: "doomed" });
    await cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: created.ClientId }));
    const notFound = {
      name: "ResourceNotFoundException",
      message: `User pool client ${created.ClientId} does not exist.`,
    };
    await expect(describeClient(created.ClientId!)).rejects.toMatchObject(notFound);
    await expect(
      cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: created.ClientId })),
    ).rejects.toMatchObject(notFound);
    const listed = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: poolId }));
    expect(listed.UserPoolClients!.map((entry) => entry.ClientId)).not.toContain(created.ClientId);
  });

  it("answers ResourceNotFoundException for an unknown pool, and for a client of another pool", async () => {
    const UserPoolId = "us-east-1_Unknown00";
    const poolError = {
      name: "ResourceNotFoundException",
      message: `User pool ${UserPoolId} does not exist.`,
    };
    const ClientId = "abcdefghijklmnopqrstuvwxyz";
    await expect(
      cognito.send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: "x" })),
    ).rejects.toMatchObject(poolError);
    await expect(
      cognito.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId })),
    ).rejects.toMatchObject(poolError);
    await expect(
      cognito.send(new UpdateUserPoolClientCommand({ UserPoolId, ClientId })),
    ).rejects.toMatchObject(poolError);
    await expect(
      cognito.send(new DeleteUserPoolClientCommand({ UserPoolId, ClientId })),
    ).rejects.toMatchObject(poolError);
    await expect(cognito.send(new ListUserPoolClientsCommand({ UserPoolId }))).rejects.toMatchObject(
      poolError,
    );

    const otherPool = await createPool("other");
    const foreign = await create({ ClientName: "foreign" }, otherPool);
    const clientError = {
      name: "ResourceNotFoundException",
      message: `User pool client ${foreign.ClientId} does not exist.`,
    };
    await expect(describeClient(foreign.ClientId!)).rejects.toMatchObject(clientError);
    await expect(
      cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: foreign.ClientId })),
    ).rejects.toMatchObject(clientError);
    await expect(
      cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: foreign.ClientId })),
    ).rejects.toMatchObject(clientError);
    expect((await describeClient(foreign.ClientId!, otherPool)).ClientName).toBe("foreign");
  });

  it("accepts loopback http, app schemes and resource-server scopes", async () => {
    await cognito.send(
      new CreateResourceServerCommand({
        UserPoolId: poolId,
        Identifier: "https://api.example.com",
        Name: "URL-named API",
        Scopes: [{ ScopeName: "read", ScopeDescription: "Read" }],
      }),
    );
    const created = await create({
      ClientName: "urls",
      CallbackURLs: [
        "http://localhost:8080/a?b=c",
        "http://127.0.0.1/cb",
        "com.example.app:/oauth",
        "myapp://x",
      ],
      LogoutURLs: ["http://localhost"],
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["https://api.example.com/read", "phone", "profile"],
      AllowedOAuthFlowsUserPoolClient: true,
    });
    expect(created.CallbackURLs).toHaveLength(4);
    expect(created.AllowedOAuthScopes).toEqual(["https://api.example.com/read", "phone", "profile"]);
    const m2m = await create({
      ClientName: "m2m",
      GenerateSecret: true,
      AllowedOAuthFlows: ["client_credentials"],
      AllowedOAuthScopes: ["my-api/write"],
      AllowedOAuthFlowsUserPoolClient: true,
    });
    expect(m2m.AllowedOAuthFlows).toEqual(["client_credentials"]);
    // Flows and scopes are kept even while OAuth is switched off for the client.
    const off = await create({
      ClientName: "off",
      AllowedOAuthFlows: ["implicit"],
      CallbackURLs: ["https://x.io"],
    });
    expect(off).toMatchObject({ AllowedOAuthFlows: ["implicit"], AllowedOAuthFlowsUserPoolClient: false });
  });

  it("keeps clients across a restart", async () => {
    const created = await create(FULL);
    await server.restart();
    cognito = server.adminClient();
    expect(await describeClient(created.ClientId!)).toEqual(created);
  });
});
