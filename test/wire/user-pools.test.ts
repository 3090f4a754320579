import {
  type CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  ListUserPoolsCommand,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolCommand,
  type UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

const backends = await testBackends();
const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:MyFunction";

/** The smithy model's CreateUserPool example input, plus the fields it leaves out. */
const FULL_INPUT: CreateUserPoolCommandInput = {
  AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_email", Priority: 1 }] },
  AdminCreateUserConfig: {
    AllowAdminCreateUserOnly: false,
    InviteMessageTemplate: {
      EmailMessage: "Your username is {username} and temporary password is {####}.",
      EmailSubject: "Your sign-in information",
      SMSMessage: "Your username is {username} and temporary password is {####}.",
    },
  },
  AliasAttributes: ["email"],
  AutoVerifiedAttributes: ["email"],
  DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
  DeletionProtection: "ACTIVE",
  EmailConfiguration: {
    ConfigurationSet: "my-test-ses-configuration-set",
    EmailSendingAccount: "DEVELOPER",
    From: "support@example.com",
    ReplyToEmailAddress: "support@example.com",
    SourceArn: "arn:aws:ses:us-east-1:123456789012:identity/support@example.com",
  },
  EmailVerificationMessage: "Your verification code is {####}.",
  EmailVerificationSubject: "Verify your email address",
  LambdaConfig: {
    KMSKeyID: "arn:aws:kms:us-east-1:123456789012:key/a6c4f8e2-0c45-47db-925f-87854bc9e357",
    CustomEmailSender: { LambdaArn: LAMBDA, LambdaVersion: "V1_0" },
    CustomSMSSender: { LambdaArn: LAMBDA, LambdaVersion: "V1_0" },
    CustomMessage: LAMBDA,
    DefineAuthChallenge: LAMBDA,
    PostAuthentication: LAMBDA,
    PostConfirmation: LAMBDA,
    PreAuthentication: LAMBDA,
    PreSignUp: LAMBDA,
    PreTokenGeneration: LAMBDA,
    UserMigration: LAMBDA,
    VerifyAuthChallengeResponse: LAMBDA,
  },
  MfaConfiguration: "OPTIONAL",
  Policies: {
    PasswordPolicy: {
      MinimumLength: 6,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
      RequireUppercase: true,
      TemporaryPasswordValidityDays: 7,
    },
    SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] },
  },
  PoolName: "my-test-user-pool",
  Schema: [
    {
      AttributeDataType: "Number",
      DeveloperOnlyAttribute: true,
      Mutable: true,
      Name: "mydev",
      NumberAttributeConstraints: { MaxValue: "99", MinValue: "1" },
      Required: false,
      StringAttributeConstraints: { MaxLength: "99", MinLength: "1" },
    },
    {
      Name: "tenant",
      AttributeDataType: "String",
      Mutable: false,
      StringAttributeConstraints: { MinLength: "3", MaxLength: "64" },
    },
    { Name: "joined", AttributeDataType: "DateTime" },
    { Name: "email", Required: true },
  ],
  SmsAuthenticationMessage: "Your verification code is {####}.",
  SmsConfiguration: {
    ExternalId: "my-role-external-id",
    SnsCallerArn: "arn:aws:iam::123456789012:role/service-role/test-cognito-SMS-Role",
  },
  SmsVerificationMessage: "Your verification code is {####}.",
  UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
  UsernameConfiguration: { CaseSensitive: true },
  UserPoolAddOns: { AdvancedSecurityMode: "OFF" },
  UserPoolTags: { "my-test-tag-key": "my-test-tag-value", team: "identity" },
  VerificationMessageTemplate: {
    DefaultEmailOption: "CONFIRM_WITH_CODE",
    EmailMessage: "Your confirmation code is {####}",
    EmailMessageByLink: "Choose this link to {##verify your email##}",
    EmailSubject: "Here is your confirmation code",
    EmailSubjectByLink: "Here is your confirmation link",
    SmsMessage: "Your confirmation code is {####}",
  },
};

const text = (Name: string, MinLength = "0", MaxLength = "2048", Required = false) => ({
  Name,
  AttributeDataType: "String",
  DeveloperOnlyAttribute: false,
  Mutable: Name !== "sub",
  Required,
  StringAttributeConstraints: { MinLength, MaxLength },
});
const flag = (Name: string) => ({
  Name,
  AttributeDataType: "Boolean",
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
});

/** Cognito's standard attribute list, exactly as DescribeUserPool returns it. */
const standardAttributes = (emailRequired = false) => [
  text("sub", "1", "2048", true),
  ...["name", "given_name", "family_name", "middle_name", "nickname", "preferred_username"].map((n) =>
    text(n),
  ),
  ...["profile", "picture", "website"].map((n) => text(n)),
  text("email", "0", "2048", emailRequired),
  flag("email_verified"),
  text("gender"),
  text("birthdate", "10", "10"),
  ...["zoneinfo", "locale", "phone_number"].map((n) => text(n)),
  flag("phone_number_verified"),
  text("address"),
  {
    Name: "updated_at",
    AttributeDataType: "Number",
    DeveloperOnlyAttribute: false,
    Mutable: true,
    Required: false,
    NumberAttributeConstraints: { MinValue: "0" },
  },
];

/** DescribeUserPool's answer for FULL_INPUT, every field spelled out. */
const fullDescription = (id: string): UserPoolType => {
  const { PoolName, Schema, ...echoed } = FULL_INPUT;
  return {
    ...echoed,
    Id: id,
    Name: PoolName,
    Arn: `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${id}`,
    CreationDate: expect.any(Date),
    LastModifiedDate: expect.any(Date),
    EstimatedNumberOfUsers: 0,
    AdminCreateUserConfig: { ...FULL_INPUT.AdminCreateUserConfig, UnusedAccountValidityDays: 7 },
    SmsConfiguration: {
      ...FULL_INPUT.SmsConfiguration,
      SnsRegion: "us-east-1",
    } as UserPoolType["SmsConfiguration"],
    UserPoolTier: "ESSENTIALS",
    SchemaAttributes: [
      ...standardAttributes(true),
      {
        Name: "dev:custom:mydev",
        AttributeDataType: "Number",
        DeveloperOnlyAttribute: true,
        Mutable: true,
        Required: false,
        NumberAttributeConstraints: { MaxValue: "99", MinValue: "1" },
      },
      {
        Name: "custom:tenant",
        AttributeDataType: "String",
        DeveloperOnlyAttribute: false,
        Mutable: false,
        Required: false,
        StringAttributeConstraints: { MinLength: "3", MaxLength: "64" },
      },
      {
        Name: "custom:joined",
        AttributeDataType: "DateTime",
        DeveloperOnlyAttribute: false,
        Mutable: true,
        Required: false,
      },
    ],
  } as UserPoolType;
};

/** What a pool created with nothing but a name looks like. */
const minimalDescription = (id: string, name: string): UserPoolType => ({
  Id: id,
  Name: name,
  Arn: `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${id}`,
  CreationDate: expect.any(Date),
  LastModifiedDate: expect.any(Date),
  EstimatedNumberOfUsers: 0,
  Policies: {
    PasswordPolicy: {
      MinimumLength: 8,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
      TemporaryPasswordValidityDays: 7,
    },
    SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD"] },
  },
  DeletionProtection: "INACTIVE",
  LambdaConfig: {},
  MfaConfiguration: "OFF",
  SchemaAttributes: standardAttributes() as UserPoolType["SchemaAttributes"],
  VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_CODE" },
  EmailConfiguration: { EmailSendingAccount: "COGNITO_DEFAULT" },
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 },
  UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: [] },
  UserPoolTier: "ESSENTIALS",
});

const describePool = async (cognito: CognitoIdentityProviderClient, id: string) =>
  (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool!;

describe.each(backends)("user pools on %s", (backend) => {
  let server: TestServer;
  let cognito: CognitoIdentityProviderClient;
  beforeAll(async () => {
    server = await startTestServer({ backend });
    cognito = server.adminClient();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("CreateUserPool stores every field and DescribeUserPool returns each one as Cognito does", async () => {
    const created = (await cognito.send(new CreateUserPoolCommand(FULL_INPUT))).UserPool!;
    expect(created.Id).toMatch(/^us-east-1_[0-9A-Za-z]{9}$/);
    expect(created).toEqual(fullDescription(created.Id!));
    const described = await describePool(cognito, created.Id!);
    expect(described).toEqual(fullDescription(created.Id!));
    expect(described.CreationDate).toEqual(created.CreationDate);
    expect(described.LastModifiedDate).toEqual(described.CreationDate);
  });

  it("a pool created with only a name gets Cognito's defaults", async () => {
    const created = (await cognito.send(new CreateUserPoolCommand({ PoolName: "minimal pool" }))).UserPool!;
    expect(created).toEqual(minimalDescription(created.Id!, "minimal pool"));
    expect(await describePool(cognito, created.Id!)).toEqual(minimalDescription(created.Id!, "minimal pool"));
  });

  it("ListUserPools pages through every pool exactly once with an opaque NextToken", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 7; i++) {
      ids.add((await cognito.send(new CreateUserPoolCommand({ PoolName: `listed-${i}` }))).UserPool!.Id!);
    }
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await cognito.send(new ListUserPoolsCommand({ MaxResults: 3, NextToken: nextToken }));
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
      cognito.send(new ListUserPoolsCommand({ MaxResults: 3, NextToken: forged })),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: expect.stringMatching(new RegExp(`^Paging marker ${forged} is invalid for request \\S+$`)),
    });
    await expect(cognito.send(new ListUserPoolsCommand({ MaxResults: 61 }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: expect.stringContaining("at 'maxResults' failed to satisfy constraint"),
    });
  });

  it("UpdateUserPool replaces the configuration, keeps the schema and sign-in attributes, and bumps LastModifiedDate", async () => {
    const created = (await cognito.send(new CreateUserPoolCommand(FULL_INPUT))).UserPool!;
    await cognito.send(
      new UpdateUserPoolCommand({
        UserPoolId: created.Id!,
        AutoVerifiedAttributes: ["email", "phone_number"],
        MfaConfiguration: "OFF",
        Policies: { PasswordPolicy: { MinimumLength: 12, RequireNumbers: true } },
        LambdaConfig: { PreSignUp: LAMBDA },
      }),
    );
    const updated = await describePool(cognito, created.Id!);
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
    const created = (await cognito.send(new CreateUserPoolCommand(FULL_INPUT))).UserPool!;
    await expect(
      cognito.send(new UpdateUserPoolCommand({ UserPoolId: created.Id!, DeletionProtection: "INACTIVE" })),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message:
        "All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes",
    });
    await expect(
      cognito.send(
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
    expect(await describePool(cognito, created.Id!)).toEqual(fullDescription(created.Id!));
  });

  it("DeleteUserPool honours deletion protection", async () => {
    const id = (
      await cognito.send(new CreateUserPoolCommand({ PoolName: "protected", DeletionProtection: "ACTIVE" }))
    ).UserPool!.Id!;
    await expect(cognito.send(new DeleteUserPoolCommand({ UserPoolId: id }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message:
        "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.",
    });
    expect((await describePool(cognito, id)).Id).toBe(id);
    await cognito.send(new UpdateUserPoolCommand({ UserPoolId: id, DeletionProtection: "INACTIVE" }));
    await cognito.send(new DeleteUserPoolCommand({ UserPoolId: id }));
    await expect(describePool(cognito, id)).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: `User pool ${id} does not exist.`,
    });
  });

  it("MFA configuration round-trips through Set/GetUserPoolMfaConfig and DescribeUserPool", async () => {
    const id = (await cognito.send(new CreateUserPoolCommand({ PoolName: "mfa" }))).UserPool!.Id!;
    expect(await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: id }))).toMatchObject({
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
    const { $metadata: _set, ...set } = await cognito.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: id, ...configuration }),
    );
    expect(set).toEqual(expected);
    const { $metadata: _got, ...got } = await cognito.send(
      new GetUserPoolMfaConfigCommand({ UserPoolId: id }),
    );
    expect(got).toEqual(expected);
    const described = await describePool(cognito, id);
    expect(described.MfaConfiguration).toBe("ON");
    expect(described.SmsAuthenticationMessage).toBe("Your code is {####}");
    expect(described.SmsConfiguration).toEqual(expected.SmsMfaConfiguration.SmsConfiguration);
    expect(described.LastModifiedDate!.getTime()).toBeGreaterThan(described.CreationDate!.getTime());
  });

  it("pools survive a restart unchanged", async () => {
    const id = (await cognito.send(new CreateUserPoolCommand(FULL_INPUT))).UserPool!.Id!;
    const before = await describePool(cognito, id);
    await server.restart();
    cognito = server.adminClient();
    const after = await describePool(cognito, id);
    expect(after).toEqual(fullDescription(id));
    expect(after.CreationDate).toEqual(before.CreationDate);
  });

  it("every pool action answers ResourceNotFoundException for an unknown pool", async () => {
    const UserPoolId = "us-east-1_Unknown00";
    const error = { name: "ResourceNotFoundException", message: `User pool ${UserPoolId} does not exist.` };
    await expect(cognito.send(new DescribeUserPoolCommand({ UserPoolId }))).rejects.toMatchObject(error);
    await expect(cognito.send(new UpdateUserPoolCommand({ UserPoolId }))).rejects.toMatchObject(error);
    await expect(cognito.send(new DeleteUserPoolCommand({ UserPoolId }))).rejects.toMatchObject(error);
    await expect(cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId }))).rejects.toMatchObject(error);
    await expect(
      cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: "OFF" })),
    ).rejects.toMatchObject(error);
  });

  it("CreateUserPool refuses UsernameAttributes together with AliasAttributes", async () => {
    await expect(
      cognito.send(
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
      await cognito.send(
        new CreateUserPoolCommand({
          PoolName: "legacy",
          AdminCreateUserConfig: { UnusedAccountValidityDays: 30 },
        }),
      )
    ).UserPool!.Id!;
    const pool = await describePool(cognito, id);
    expect(pool.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays).toBe(30);
    expect(pool.AdminCreateUserConfig).toEqual({
      AllowAdminCreateUserOnly: false,
      UnusedAccountValidityDays: 30,
    });
    await expect(
      cognito.send(
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
