import {
  CreateResourceServerCommand,
  type UserPoolClientType,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { testBackends } from "../support/server.js";
import { DEFAULT_FLOWS, FULL, FULL_SETTINGS, useAppClients } from "./support/user-pool-clients-setup.js";

const backends = await testBackends();

describe.each(backends)("app clients on %s", (backend) => {
  const ctx = useAppClients(backend);
  const { create, describeClient } = ctx;

  it("CreateUserPoolClient stores every member and DescribeUserPoolClient returns each", async () => {
    const before = Date.now();
    const created = await create(FULL);
    expect(created).toEqual({
      ...FULL_SETTINGS,
      UserPoolId: ctx.poolId,
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
      UserPoolId: ctx.poolId,
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

  it("accepts loopback http, app schemes and resource-server scopes", async () => {
    await ctx.cognito.send(
      new CreateResourceServerCommand({
        UserPoolId: ctx.poolId,
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
    await ctx.server.restart();
    ctx.cognito = ctx.server.adminClient();
    expect(await describeClient(created.ClientId!)).toEqual(created);
  });
});
