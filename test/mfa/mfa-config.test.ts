import {
  type CognitoIdentityProviderClient,
  GetUserPoolMfaConfigCommand,
  SetUserPoolMfaConfigCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPoolAndClient } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

// SetUserPoolMfaConfig / GetUserPoolMfaConfig carry every factor's settings, WebAuthn's included.

const backends = await testBackends();

describe.each(backends)("MFA configuration on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = server.adminClient();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("stores SMS, TOTP, email and WebAuthn settings and returns them", async () => {
    const { userPoolId } = await createPoolAndClient(admin);
    const set = await admin.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: userPoolId,
        MfaConfiguration: "OPTIONAL",
        SmsMfaConfiguration: {
          SmsAuthenticationMessage: "Code {####}",
          SmsConfiguration: { SnsCallerArn: "arn:aws:iam::123456789012:role/sms", ExternalId: "e" },
        },
        SoftwareTokenMfaConfiguration: { Enabled: true },
        EmailMfaConfiguration: { Message: "Email code {####}", Subject: "Your code" },
        WebAuthnConfiguration: {
          RelyingPartyId: "auth.example.com",
          UserVerification: "required",
          FactorConfiguration: "MULTI_FACTOR_WITH_USER_VERIFICATION",
        },
      }),
    );
    const got = await admin.send(new GetUserPoolMfaConfigCommand({ UserPoolId: userPoolId }));
    for (const config of [set, got]) {
      expect(config.MfaConfiguration).toBe("OPTIONAL");
      expect(config.SmsMfaConfiguration?.SmsAuthenticationMessage).toBe("Code {####}");
      expect(config.SoftwareTokenMfaConfiguration).toEqual({ Enabled: true });
      expect(config.EmailMfaConfiguration).toEqual({ Message: "Email code {####}", Subject: "Your code" });
      expect(config.WebAuthnConfiguration).toEqual({
        RelyingPartyId: "auth.example.com",
        UserVerification: "required",
        FactorConfiguration: "MULTI_FACTOR_WITH_USER_VERIFICATION",
      });
    }
  });
});
