import { describe, expect, it } from "vitest";
import { FeatureUnavailableInTierException, InvalidParameterException } from "../../src/domain/errors.js";
import { describeUserPool } from "../../src/domain/user-pool/describe.js";
import { applyMfaConfig, mfaConfigOf } from "../../src/domain/user-pool/mfa-config.js";
import { checkPoolName } from "../../src/domain/user-pool/pool-name.js";
import { createUserPoolSettings, updateUserPoolSettings } from "../../src/domain/user-pool/pool-settings.js";

const region = "us-east-1";

describe("CreateUserPool settings", () => {
  it("a partial password policy keeps what was given and leaves the rest off", () => {
    const settings = createUserPoolSettings(
      { PoolName: "p", Policies: { PasswordPolicy: { RequireNumbers: true } } },
      region,
    );
    expect(settings.Policies).toEqual({
      PasswordPolicy: {
        MinimumLength: 8,
        RequireUppercase: false,
        RequireLowercase: false,
        RequireNumbers: true,
        RequireSymbols: false,
        TemporaryPasswordValidityDays: 7,
      },
      SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD"] },
    });
  });

  it("TemporaryPasswordValidityDays of 0 means the default of 7", () => {
    const settings = createUserPoolSettings(
      {
        PoolName: "p",
        Policies: { PasswordPolicy: { MinimumLength: 10, TemporaryPasswordValidityDays: 0 } },
      },
      region,
    );
    expect(settings.Policies).toMatchObject({ PasswordPolicy: { TemporaryPasswordValidityDays: 7 } });
    expect(settings.AdminCreateUserConfig).toEqual({
      AllowAdminCreateUserOnly: false,
      UnusedAccountValidityDays: 7,
    });
  });

  it("PreTokenGeneration follows PreTokenGenerationConfig, and the two may not disagree", () => {
    const arn = "arn:aws:lambda:us-east-1:123456789012:function:v2";
    const settings = createUserPoolSettings(
      {
        PoolName: "p",
        LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: arn, LambdaVersion: "V2_0" } },
      },
      region,
    );
    expect(settings.LambdaConfig).toEqual({
      PreTokenGeneration: arn,
      PreTokenGenerationConfig: { LambdaArn: arn, LambdaVersion: "V2_0" },
    });
    expect(() =>
      createUserPoolSettings(
        {
          PoolName: "p",
          LambdaConfig: {
            PreTokenGeneration: `${arn}-old`,
            PreTokenGenerationConfig: { LambdaArn: arn, LambdaVersion: "V2_0" },
          },
        },
        region,
      ),
    ).toThrow(InvalidParameterException);
  });

  it("threat protection is a PLUS feature", () => {
    const input = { PoolName: "p", UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" } };
    expect(() => createUserPoolSettings(input, region)).toThrow(FeatureUnavailableInTierException);
    expect(() => createUserPoolSettings({ ...input, UserPoolTier: "LITE" }, region)).toThrow(
      "The following features need to be disabled for the LITE pricing tier configured: Threat Protection",
    );
    expect(createUserPoolSettings({ ...input, UserPoolTier: "PLUS" }, region).UserPoolAddOns).toEqual({
      AdvancedSecurityMode: "AUDIT",
    });
  });
});

describe("UpdateUserPool settings", () => {
  const existing = createUserPoolSettings(
    {
      PoolName: "original",
      UsernameAttributes: ["email"],
      UsernameConfiguration: { CaseSensitive: false },
      MfaConfiguration: "OPTIONAL",
      DeletionProtection: "ACTIVE",
      UserPoolTags: { a: "b" },
      Schema: [{ Name: "tenant", AttributeDataType: "String" }],
    },
    region,
  );

  it("omitted fields return to their defaults while creation-time fields stay", () => {
    const updated = updateUserPoolSettings(
      existing,
      { UserPoolId: "x", SmsAuthenticationMessage: "Code {####}" },
      region,
    );
    expect(updated.PoolName).toBe("original");
    expect(updated.MfaConfiguration).toBe("OFF");
    expect(updated.DeletionProtection).toBe("INACTIVE");
    expect(updated.SmsAuthenticationMessage).toBe("Code {####}");
    expect(updated.UsernameAttributes).toEqual(["email"]);
    expect(updated.UsernameConfiguration).toEqual({ CaseSensitive: false });
    expect(updated.SchemaAttributes).toEqual(existing.SchemaAttributes);
    expect(updated.UserPoolTags).toEqual({ a: "b" });
  });

  it("ignores attempts to change the schema or sign-in attributes", () => {
    const updated = updateUserPoolSettings(
      existing,
      { PoolName: "renamed", Schema: [], AliasAttributes: ["email"], UsernameAttributes: ["phone_number"] },
      region,
    );
    expect(updated.PoolName).toBe("renamed");
    expect(updated.UsernameAttributes).toEqual(["email"]);
    expect(updated).not.toHaveProperty("AliasAttributes");
    expect(updated.SchemaAttributes).toEqual(existing.SchemaAttributes);
  });

  it("keeps the MFA-only settings of SetUserPoolMfaConfig", () => {
    const withTotp = applyMfaConfig(existing, { SoftwareTokenMfaConfiguration: { Enabled: true } }, region);
    const updated = updateUserPoolSettings(withTotp, { MfaConfiguration: "ON" }, region);
    expect(mfaConfigOf(updated)).toEqual({
      MfaConfiguration: "ON",
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
  });
});

describe("DescribeUserPool view", () => {
  it("hides the MFA-only settings and reports the pool name as Name", () => {
    const settings = applyMfaConfig(
      createUserPoolSettings({ PoolName: "view" }, region),
      { WebAuthnConfiguration: { RelyingPartyId: "example.com" } },
      region,
    );
    const at = new Date(1_700_000_000_000);
    const view = describeUserPool(
      { id: "us-east-1_abc", settings, createdAt: at, lastModifiedAt: at },
      { region, accountId: "1" },
      0,
    );
    expect(view.Name).toBe("view");
    expect(view).not.toHaveProperty("PoolName");
    expect(view).not.toHaveProperty("WebAuthnConfiguration");
    expect(view.CreationDate).toBe(at);
  });
});

describe("pool names", () => {
  it("accept Cognito's characters and refuse others with the validator's message", () => {
    expect(checkPoolName("My pool_1 +=,.@-")).toBe("My pool_1 +=,.@-");
    expect(() => checkPoolName("bad/name")).toThrow(
      "1 validation error detected: Value 'bad/name' at 'poolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+",
    );
    expect(() => checkPoolName("x".repeat(129))).toThrow("Member must have length less than or equal to 128");
    expect(() => checkPoolName(undefined)).toThrow(
      "Value null at 'poolName' failed to satisfy constraint: Member must not be null",
    );
  });
});
