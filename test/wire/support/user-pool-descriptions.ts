import {
  type CognitoIdentityProviderClient,
  type CreateUserPoolCommandInput,
  DescribeUserPoolCommand,
  type UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "vitest";

export const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:MyFunction";

/** The smithy model's CreateUserPool example input, plus the fields it leaves out. */
export const FULL_INPUT: CreateUserPoolCommandInput = {
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

export const text = (Name: string, MinLength = "0", MaxLength = "2048", Required = false) => ({
  Name,
  AttributeDataType: "String",
  DeveloperOnlyAttribute: false,
  Mutable: Name !== "sub",
  Required,
  StringAttributeConstraints: { MinLength, MaxLength },
});
export const flag = (Name: string) => ({
  Name,
  AttributeDataType: "Boolean",
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
});

/** Cognito's standard attribute list, exactly as DescribeUserPool returns it. */
export const standardAttributes = (emailRequired = false) => [
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
export const fullDescription = (id: string): UserPoolType => {
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
export const minimalDescription = (id: string, name: string): UserPoolType => ({
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

export const describePool = async (cognito: CognitoIdentityProviderClient, id: string) =>
  (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool!;
