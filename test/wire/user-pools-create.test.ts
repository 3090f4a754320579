import { CreateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { testBackends } from "../support/server.js";
import { useTestServer } from "../support/suite-server.js";
import {
  describePool,
  FULL_INPUT,
  fullDescription,
  minimalDescription,
} from "./support/user-pool-descriptions.js";

const backends = await testBackends();

describe.each(backends)("user pools on %s", (backend) => {
  const ctx = useTestServer({ backend });

  it("CreateUserPool stores every field and DescribeUserPool returns each one as Cognito does", async () => {
    const created = (await ctx.cognito.send(new CreateUserPoolCommand(FULL_INPUT))).UserPool!;
    expect(created.Id).toMatch(/^us-east-1_[0-9A-Za-z]{9}$/);
    expect(created).toEqual(fullDescription(created.Id!));
    const described = await describePool(ctx.cognito, created.Id!);
    expect(described).toEqual(fullDescription(created.Id!));
    expect(described.CreationDate).toEqual(created.CreationDate);
    expect(described.LastModifiedDate).toEqual(described.CreationDate);
  });

  it("a pool created with only a name gets Cognito's defaults", async () => {
    const created = (await ctx.cognito.send(new CreateUserPoolCommand({ PoolName: "minimal pool" })))
      .UserPool!;
    expect(created).toEqual(minimalDescription(created.Id!, "minimal pool"));
    expect(await describePool(ctx.cognito, created.Id!)).toEqual(
      minimalDescription(created.Id!, "minimal pool"),
    );
  });

  it("pools survive a restart unchanged", async () => {
    const id = (await ctx.cognito.send(new CreateUserPoolCommand(FULL_INPUT))).UserPool!.Id!;
    const before = await describePool(ctx.cognito, id);
    await ctx.server.restart();
    ctx.cognito = ctx.server.adminClient();
    const after = await describePool(ctx.cognito, id);
    expect(after).toEqual(fullDescription(id));
    expect(after.CreationDate).toEqual(before.CreationDate);
  });

  it("CreateUserPool refuses UsernameAttributes together with AliasAttributes", async () => {
    await expect(
      ctx.cognito.send(
        new CreateUserPoolCommand({
          PoolName: "both",
          UsernameAttributes: ["email"],
          AliasAttributes: ["phone_number"],
        }),
      ),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.",
    });
  });

  it("CreateUserPool keeps the legacy UnusedAccountValidityDays and TemporaryPasswordValidityDays in step", async () => {
    const id = (
      await ctx.cognito.send(
        new CreateUserPoolCommand({
          PoolName: "legacy",
          AdminCreateUserConfig: { UnusedAccountValidityDays: 30 },
        }),
      )
    ).UserPool!.Id!;
    const pool = await describePool(ctx.cognito, id);
    expect(pool.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays).toBe(30);
    expect(pool.AdminCreateUserConfig).toEqual({
      AllowAdminCreateUserOnly: false,
      UnusedAccountValidityDays: 30,
    });
    await expect(
      ctx.cognito.send(
        new CreateUserPoolCommand({
          PoolName: "both-lifetimes",
          Policies: { PasswordPolicy: { TemporaryPasswordValidityDays: 3 } },
          AdminCreateUserConfig: { UnusedAccountValidityDays: 30 },
        }),
      ),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message:
        "Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays",
    });
  });
});
