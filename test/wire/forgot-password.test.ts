import { createHmac } from "node:crypto";
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestCode } from "../support/outbox.js";
import { createPoolAndClient } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

const backends = await testBackends();
const PASSWORD = "Forgot-Passw0rd!";
const NEW_PASSWORD = "Rem3mbered-Now!";

type Ids = { userPoolId: string; clientId: string; clientSecret?: string };

describe.each(backends)("ForgotPassword and ConfirmForgotPassword on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let legacy: Ids;
  let emailFirst: Ids;
  let adminOnly: Ids;
  let counter = 0;

  const signIn = (target: Ids, username: string, password: string) =>
    admin.send(
      new InitiateAuthCommand({
        ClientId: target.clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    );

  /** A CONFIRMED user with the given contacts (verified unless told otherwise). */
  async function newUser(target: Ids, contacts: { email?: boolean; phone?: boolean; verified?: boolean }) {
    counter += 1;
    const username = `reset${counter}`;
    const email = `reset${counter}@example.com`;
    const phone = `+1555000${String(1000 + counter)}`;
    const verified = String(contacts.verified ?? true);
    const attributes = [
      ...(contacts.email
        ? [
            { Name: "email", Value: email },
            { Name: "email_verified", Value: verified },
          ]
        : []),
      ...(contacts.phone
        ? [
            { Name: "phone_number", Value: phone },
            { Name: "phone_number_verified", Value: verified },
          ]
        : []),
    ];
    await admin.send(
      new AdminCreateUserCommand({
        UserPoolId: target.userPoolId,
        Username: username,
        MessageAction: "SUPPRESS",
        UserAttributes: attributes,
      }),
    );
    await admin.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: target.userPoolId,
        Username: username,
        Password: PASSWORD,
        Permanent: true,
      }),
    );
    return { username, email, phone };
  }

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = server.adminClient();
    legacy = await createPoolAndClient(admin, {
      AliasAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
    });
    emailFirst = await createPoolAndClient(admin, {
      AccountRecoverySetting: {
        RecoveryMechanisms: [
          { Name: "verified_email", Priority: 1 },
          { Name: "verified_phone_number", Priority: 2 },
        ],
      },
    });
    adminOnly = await createPoolAndClient(admin, {
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "admin_only", Priority: 1 }] },
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  it("sends a code to the verified email; ConfirmForgotPassword sets the new password", async () => {
    const user = await newUser(legacy, { email: true });
    const sent = await admin.send(
      new ForgotPasswordCommand({ ClientId: legacy.clientId, Username: user.username }),
    );
    expect(sent.CodeDeliveryDetails).toEqual({
      AttributeName: "email",
      DeliveryMedium: "EMAIL",
      Destination: "r***@e***",
    });
    // Until confirmed, the old password keeps working.
    expect((await signIn(legacy, user.username, PASSWORD)).AuthenticationResult?.AccessToken).toBeTruthy();

    const code = await latestCode(server.dataDir, user.email);
    await admin.send(
      new ConfirmForgotPasswordCommand({
        ClientId: legacy.clientId,
        Username: user.username,
        ConfirmationCode: code,
        Password: NEW_PASSWORD,
      }),
    );
    expect(
      (await signIn(legacy, user.username, NEW_PASSWORD)).AuthenticationResult?.AccessToken,
    ).toBeTruthy();
    await expect(signIn(legacy, user.username, PASSWORD)).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Incorrect username or password.",
    });
    // The code is spent.
    await expect(
      admin.send(
        new ConfirmForgotPasswordCommand({
          ClientId: legacy.clientId,
          Username: user.username,
          ConfirmationCode: code,
          Password: "Another-Passw0rd!",
        }),
      ),
    ).rejects.toMatchObject({
      name: "ExpiredCodeException",
      message: "Invalid code provided, please request a code again.",
    });
  });

  it("accepts the email alias as the Username", async () => {
    const user = await newUser(legacy, { email: true });
    const sent = await admin.send(
      new ForgotPasswordCommand({ ClientId: legacy.clientId, Username: user.email }),
    );
    expect(sent.CodeDeliveryDetails?.AttributeName).toBe("email");
    const code = await latestCode(server.dataDir, user.email);
    await admin.send(
      new ConfirmForgotPasswordCommand({
        ClientId: legacy.clientId,
        Username: user.email,
        ConfirmationCode: code,
        Password: NEW_PASSWORD,
      }),
    );
    expect((await signIn(legacy, user.email, NEW_PASSWORD)).AuthenticationResult?.IdToken).toBeTruthy();
  });

  it("without AccountRecoverySetting prefers the verified phone (Cognito's legacy order)", async () => {
    const user = await newUser(legacy, { email: true, phone: true });
    const sent = await admin.send(
      new ForgotPasswordCommand({ ClientId: legacy.clientId, Username: user.username }),
    );
    expect(sent.CodeDeliveryDetails).toEqual({
      AttributeName: "phone_number",
      DeliveryMedium: "SMS",
      Destination: `+*******${user.phone.slice(-4)}`,
    });
    expect(await latestCode(server.dataDir, user.phone)).toMatch(/^\d{6}$/);
  });

  it("follows AccountRecoverySetting priorities", async () => {
    const both = await newUser(emailFirst, { email: true, phone: true });
    const sent = await admin.send(
      new ForgotPasswordCommand({ ClientId: emailFirst.clientId, Username: both.username }),
    );
    expect(sent.CodeDeliveryDetails?.DeliveryMedium).toBe("EMAIL");
    const phoneOnly = await newUser(emailFirst, { phone: true });
    const fallback = await admin.send(
      new ForgotPasswordCommand({ ClientId: emailFirst.clientId, Username: phoneOnly.username }),
    );
    expect(fallback.CodeDeliveryDetails?.DeliveryMedium).toBe("SMS");
  });

  it("refuses users with no verified email or phone, and admin_only pools", async () => {
    const noContact =
      "Cannot reset password for the user as there is no registered/verified email or phone_number";
    const unverified = await newUser(legacy, { email: true, verified: false });
    await expect(
      admin.send(new ForgotPasswordCommand({ ClientId: legacy.clientId, Username: unverified.username })),
    ).rejects.toMatchObject({ name: "InvalidParameterException", message: noContact });
    const managed = await newUser(adminOnly, { email: true });
    await expect(
      admin.send(new ForgotPasswordCommand({ ClientId: adminOnly.clientId, Username: managed.username })),
    ).rejects.toMatchObject({ name: "InvalidParameterException", message: noContact });
  });

  it("refuses users with a temporary password and disabled users", async () => {
    await admin.send(
      new AdminCreateUserCommand({
        UserPoolId: legacy.userPoolId,
        Username: "invited",
        MessageAction: "SUPPRESS",
        UserAttributes: [
          { Name: "email", Value: "invited@example.com" },
          { Name: "email_verified", Value: "true" },
        ],
      }),
    );
    await expect(
      admin.send(new ForgotPasswordCommand({ ClientId: legacy.clientId, Username: "invited" })),
    ).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "User password cannot be reset in the current state.",
    });
    const user = await newUser(legacy, { email: true });
    await admin.send(new AdminDisableUserCommand({ UserPoolId: legacy.userPoolId, Username: user.username }));
    await expect(
      admin.send(new ForgotPasswordCommand({ ClientId: legacy.clientId, Username: user.username })),
    ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "User is disabled." });
  });

  it("answers unknown users with UserNotFoundException (LEGACY)", async () => {
    await expect(
      admin.send(new ForgotPasswordCommand({ ClientId: legacy.clientId, Username: "nobody" })),
    ).rejects.toMatchObject({
      name: "UserNotFoundException",
      message: "Username/client id combination not found.",
    });
    await expect(
      admin.send(
        new ConfirmForgotPasswordCommand({
          ClientId: legacy.clientId,
          Username: "nobody",
          ConfirmationCode: "123456",
          Password: NEW_PASSWORD,
        }),
      ),
    ).rejects.toMatchObject({
      name: "UserNotFoundException",
      message: "Username/client id combination not found.",
    });
  });

  it("hides unknown users when the client prevents user existence errors", async () => {
    const hiding = await createPoolAndClient(admin, {}, { PreventUserExistenceErrors: "ENABLED" });
    const ask = () =>
      admin.send(new ForgotPasswordCommand({ ClientId: hiding.clientId, Username: "ghost@example.com" }));
    const first = await ask();
    expect(first.CodeDeliveryDetails).toEqual({
      AttributeName: "email",
      DeliveryMedium: "EMAIL",
      Destination: "g***@e***",
    });
    expect((await ask()).CodeDeliveryDetails).toEqual(first.CodeDeliveryDetails);
    await expect(
      admin.send(
        new ConfirmForgotPasswordCommand({
          ClientId: hiding.clientId,
          Username: "ghost@example.com",
          ConfirmationCode: "123456",
          Password: NEW_PASSWORD,
        }),
      ),
    ).rejects.toMatchObject({
      name: "CodeMismatchException",
      message: "Invalid verification code provided, please try again.",
    });
  });

  it("refuses a wrong code, and a weak password without spending the code", async () => {
    const user = await newUser(legacy, { email: true });
    await admin.send(new ForgotPasswordCommand({ ClientId: legacy.clientId, Username: user.username }));
    const code = await latestCode(server.dataDir, user.email);
    const confirm = (ConfirmationCode: string, Password: string) =>
      admin.send(
        new ConfirmForgotPasswordCommand({
          ClientId: legacy.clientId,
          Username: user.username,
          ConfirmationCode,
          Password,
        }),
      );
    await expect(confirm(code === "000000" ? "000001" : "000000", NEW_PASSWORD)).rejects.toMatchObject({
      name: "CodeMismatchException",
      message: "Invalid verification code provided, please try again.",
    });
    await expect(confirm(code, "weak")).rejects.toMatchObject({ name: "InvalidPasswordException" });
    await confirm(code, NEW_PASSWORD);
    expect((await signIn(legacy, user.username, NEW_PASSWORD)).AuthenticationResult).toBeDefined();
  });

  it("finishes AdminResetUserPassword: RESET_REQUIRED becomes CONFIRMED", async () => {
    const user = await newUser(legacy, { email: true });
    await admin.send(
      new AdminResetUserPasswordCommand({ UserPoolId: legacy.userPoolId, Username: user.username }),
    );
    await expect(signIn(legacy, user.username, PASSWORD)).rejects.toMatchObject({
      name: "PasswordResetRequiredException",
    });
    const code = await latestCode(server.dataDir, user.email);
    await admin.send(
      new ConfirmForgotPasswordCommand({
        ClientId: legacy.clientId,
        Username: user.username,
        ConfirmationCode: code,
        Password: NEW_PASSWORD,
      }),
    );
    const after = await admin.send(
      new AdminGetUserCommand({ UserPoolId: legacy.userPoolId, Username: user.username }),
    );
    expect(after.UserStatus).toBe("CONFIRMED");
    expect((await signIn(legacy, user.username, NEW_PASSWORD)).AuthenticationResult).toBeDefined();
  });

  it("requires SECRET_HASH from clients with a secret", async () => {
    const secretive = await createPoolAndClient(admin, {}, { GenerateSecret: true });
    const user = await newUser(secretive, { email: true });
    await expect(
      admin.send(new ForgotPasswordCommand({ ClientId: secretive.clientId, Username: user.username })),
    ).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: `Client ${secretive.clientId} is configured with secret but SECRET_HASH was not received`,
    });
    const secretHash = createHmac("sha256", secretive.clientSecret ?? "")
      .update(user.username + secretive.clientId)
      .digest("base64");
    const sent = await admin.send(
      new ForgotPasswordCommand({
        ClientId: secretive.clientId,
        Username: user.username,
        SecretHash: secretHash,
      }),
    );
    expect(sent.CodeDeliveryDetails?.DeliveryMedium).toBe("EMAIL");
  });
});
