import {
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  ListUserPoolsCommand,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { testBackends } from "../support/server.js";
import { useTestServer } from "../support/suite-server.js";
import {
  describePool,
  FULL_INPUT,
  fullDescription,
  LAMBDA,
  minimalDescription,
} from "./support/user-pool-descriptions.js";

const backends = await testBackends();

describe.each(backends)("user pools on %s", (backend) => {
  const ctx = useTestServer({ backend });

  it("ListUserPools pages through every pool exactly once with an opaque NextToken", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 7; i++) {
      ids.add((await ctx.cognito.send(new CreateUserPoolCommand({ PoolName: `listed-${i}` }))).UserPool!.Id!);
    }
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await ctx.cognito.send(new ListUserPoolsCommand({ MaxResults: 3, NextToken: nextToken }));
      expect(page.UserPools!.length).toBeLessThanOrEqual(3);
      for (const pool of page.UserPools!) {
        seen.push(pool.Id!);
        expect(Object.keys(pool).sort()).toEqual([
          "CreationDate",
          "Id",
          "LambdaConfig",
          "LastModifiedDate",
          "Name",
        ]);
        if (ids.has(pool.Id!)) expect(pool.Name).toMatch(/^listed-\d$/);
      }
      nextToken = page.NextToken;
      if (nextToken !== undefined) expect(nextToken).not.toContain(seen.at(-1));
    } while (nextToken !== undefined);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => ids.has(id)).sort()).toEqual([...ids].sort());
  });

  it("ListUserPools refuses a forged NextToken and a MaxResults outside 1–60", async () => {
    const forged = Buffer.from(JSON.stringify([0, "us-east-1_AAAAAAAAA"])).toString("base64url");
    await expect(
      ctx.cognito.send(new ListUserPoolsCommand({ MaxResults: 3, NextToken: forged })),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: expect.stringMatching(new RegExp(`^Paging marker ${forged} is invalid for request \\S+$`)),
    });
    await expect(ctx.cognito.send(new ListUserPoolsCommand({ MaxResults: 61 }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: expect.stringContaining("at 'maxResults' failed to satisfy constraint"),
    });
  });

  it("UpdateUserPool replaces the configuration, keeps the schema and sign-in attributes, and bumps LastModifiedDate", async () => {
    const created = (await ctx.cognito.send(new CreateUserPoolCommand(FULL_INPUT))).UserPool!;
    await ctx.cognito.send(
      new UpdateUserPoolCommand({
        UserPoolId: created.Id!,
        AutoVerifiedAttributes: ["email", "phone_number"],
        MfaConfiguration: "OFF",
        Policies: { PasswordPolicy: { MinimumLength: 12, RequireNumbers: true } },
        LambdaConfig: { PreSignUp: LAMBDA },
      }),
    );
    const updated = await describePool(ctx.cognito, created.Id!);
    const minimal = minimalDescription(created.Id!, "my-test-user-pool");
    expect(updated).toEqual({
      ...minimal,
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireUppercase: false,
          RequireLowercase: false,
          RequireNumbers: true,
          RequireSymbols: false,
          TemporaryPasswordValidityDays: 7,
        },
        SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD"] },
      },
      LambdaConfig: { PreSignUp: LAMBDA },
      AutoVerifiedAttributes: ["email", "phone_number"],
      // Kept: set at creation (schema, sign-in attributes), or kept when omitted (tags, update settings).
      SchemaAttributes: fullDescription(created.Id!).SchemaAttributes,
      AliasAttributes: ["email"],
      UsernameConfiguration: { CaseSensitive: true },
      UserPoolTags: FULL_INPUT.UserPoolTags,
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
    });
    expect(updated.LastModifiedDate!.getTime()).toBeGreaterThan(created.LastModifiedDate!.getTime());
    expect(updated.CreationDate).toEqual(created.CreationDate);
  });

  it("UpdateUserPool applies Cognito's cross-field rules", async () => {
    const created = (await ctx.cognito.send(new CreateUserPoolCommand(FULL_INPUT))).UserPool!;
    await expect(
      ctx.cognito.send(
        new UpdateUserPoolCommand({ UserPoolId: created.Id!, DeletionProtection: "INACTIVE" }),
      ),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message:
        "All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes",
    });
    await expect(
      ctx.cognito.send(
        new UpdateUserPoolCommand({
          UserPoolId: created.Id!,
          AutoVerifiedAttributes: ["email"],
          UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
        }),
      ),
    ).rejects.toMatchObject({
      name: "FeatureUnavailableInTierException",
      message:
        "The following features need to be disabled for the ESSENTIALS pricing tier configured: Threat Protection",
    });
    expect(await describePool(ctx.cognito, created.Id!)).toEqual(fullDescription(created.Id!));
  });

  it("DeleteUserPool honours deletion protection", async () => {
    const id = (
      await ctx.cognito.send(
        new CreateUserPoolCommand({ PoolName: "protected", DeletionProtection: "ACTIVE" }),
      )
    ).UserPool!.Id!;
    await expect(ctx.cognito.send(new DeleteUserPoolCommand({ UserPoolId: id }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message:
        "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.",
    });
    expect((await describePool(ctx.cognito, id)).Id).toBe(id);
    await ctx.cognito.send(new UpdateUserPoolCommand({ UserPoolId: id, DeletionProtection: "INACTIVE" }));
    await ctx.cognito.send(new DeleteUserPoolCommand({ UserPoolId: id }));
    await expect(describePool(ctx.cognito, id)).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: `User pool ${id} does not exist.`,
    });
  });

  it("MFA configuration round-trips through Set/GetUserPoolMfaConfig and DescribeUserPool", async () => {
    const id = (await ctx.cognito.send(new CreateUserPoolCommand({ PoolName: "mfa" }))).UserPool!.Id!;
    expect(await ctx.cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: id }))).toMatchObject({
      MfaConfiguration: "OFF",
    });
    const configuration = {
      MfaConfiguration: "ON" as const,
      SmsMfaConfiguration: {
        SmsAuthenticationMessage: "Your code is {####}",
        SmsConfiguration: { SnsCallerArn: "arn:aws:iam::123456789012:role/sms", ExternalId: "ext" },
      },
      SoftwareTokenMfaConfiguration: { Enabled: true },
      EmailMfaConfiguration: { Message: "Your sign-in code is {####}", Subject: "Sign-in code" },
      WebAuthnConfiguration: { RelyingPartyId: "auth.example.com" },
    };
    const expected = {
      ...configuration,
      SmsMfaConfiguration: {
        ...configuration.SmsMfaConfiguration,
        SmsConfiguration: { ...configuration.SmsMfaConfiguration.SmsConfiguration, SnsRegion: "us-east-1" },
      },
      WebAuthnConfiguration: { RelyingPartyId: "auth.example.com", UserVerification: "preferred" },
    };
    const { $metadata: _set, ...set } = await ctx.cognito.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: id, ...configuration }),
    );
    expect(set).toEqual(expected);
    const { $metadata: _got, ...got } = await ctx.cognito.send(
      new GetUserPoolMfaConfigCommand({ UserPoolId: id }),
    );
    expect(got).toEqual(expected);
    const described = await describePool(ctx.cognito, id);
    expect(described.MfaConfiguration).toBe("ON");
    expect(described.SmsAuthenticationMessage).toBe("Your code is {####}");
    expect(described.SmsConfiguration).toEqual(expected.SmsMfaConfiguration.SmsConfiguration);
    expect(described.LastModifiedDate!.getTime()).toBeGreaterThan(described.CreationDate!.getTime());
  });

  it("every pool action answers ResourceNotFoundException for an unknown pool", async () => {
    const UserPoolId = "us-east-1_Unknown00";
    const error = { name: "ResourceNotFoundException", message: `User pool ${UserPoolId} does not exist.` };
    await expect(ctx.cognito.send(new DescribeUserPoolCommand({ UserPoolId }))).rejects.toMatchObject(error);
    await expect(ctx.cognito.send(new UpdateUserPoolCommand({ UserPoolId }))).rejects.toMatchObject(error);
    await expect(ctx.cognito.send(new DeleteUserPoolCommand({ UserPoolId }))).rejects.toMatchObject(error);
    await expect(ctx.cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId }))).rejects.toMatchObject(
      error,
    );
    await expect(
      ctx.cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: "OFF" })),
    ).rejects.toMatchObject(error);
  });
});
