import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type ExplicitAuthFlowsType,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passwordSignIn, ROOT, srpSignIn } from "../support/cli.js";
import { createConfirmedUser } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

// The shipped UserMigration trigger (examples/triggers/cognito-migration) against a second Cognate that
// stands in for Amazon Cognito: a user of the old pool signs in to the new one with the old password, and
// arrives with the old attributes; a wrong password migrates nobody.

const backends = await testBackends();
const FLOWS: ExplicitAuthFlowsType[] = [
  "ALLOW_USER_PASSWORD_AUTH",
  "ALLOW_ADMIN_USER_PASSWORD_AUTH",
  "ALLOW_USER_SRP_AUTH",
  "ALLOW_REFRESH_TOKEN_AUTH",
];

interface MigrationEvent {
  version: string;
  triggerSource: string;
  userName: string;
  request: { password?: string };
  response: { userAttributes?: Record<string, string>; finalUserStatus?: string; messageAction?: string };
}
const { createCognitoMigrationHandler } = (await import(
  join(ROOT, "examples", "triggers", "cognito-migration", "cognito-migration.mjs")
)) as {
  createCognitoMigrationHandler(options: object): (event: MigrationEvent) => Promise<MigrationEvent>;
};

describe.each(backends)("the Cognito migration trigger on %s", (backend) => {
  let oldCognito: TestServer;
  let cognate: TestServer;
  let admin: CognitoIdentityProviderClient;
  const old = { userPoolId: "", clientId: "" };
  const ids = { userPoolId: "", clientId: "" };

  beforeAll(async () => {
    oldCognito = await startTestServer({ backend: "sqlite" });
    const oldAdmin = oldCognito.adminClient();
    old.userPoolId =
      (await oldAdmin.send(new CreateUserPoolCommand({ PoolName: "legacy", AliasAttributes: ["email"] })))
        .UserPool?.Id ?? "";
    old.clientId =
      (
        await oldAdmin.send(
          new CreateUserPoolClientCommand({
            UserPoolId: old.userPoolId,
            ClientName: "old",
            ExplicitAuthFlows: FLOWS,
          }),
        )
      ).UserPoolClient?.ClientId ?? "";
    await createConfirmedUser(oldAdmin, old, "legacy", "Legacy-Passw0rd!", [
      { Name: "email", Value: "legacy@example.com" },
      { Name: "email_verified", Value: "true" },
      { Name: "given_name", Value: "Lee" },
    ]);

    // Cognate runs triggers without its own environment: the function's settings file gives the trigger
    // its variables, as a Lambda function's configuration would. The module is the shipped one.
    const triggers = mkdtempSync(join(tmpdir(), "cognate-migration-trigger-"));
    const shipped = join(ROOT, "examples", "triggers", "cognito-migration", "cognito-migration.mjs");
    writeFileSync(
      join(triggers, "cognito-migration.mjs"),
      `export { handler } from ${JSON.stringify(shipped)};\n`,
    );
    writeFileSync(
      join(triggers, "cognito-migration.lambda.json"),
      JSON.stringify({
        Environment: {
          Variables: {
            COGNITO_MIGRATION_USER_POOL_ID: old.userPoolId,
            COGNITO_MIGRATION_CLIENT_ID: old.clientId,
            COGNITO_MIGRATION_ENDPOINT: oldCognito.url,
            AWS_ACCESS_KEY_ID: oldCognito.adminCredentials.accessKeyId,
            AWS_SECRET_ACCESS_KEY: oldCognito.adminCredentials.secretAccessKey,
          },
        },
      }),
    );
    cognate = await startTestServer({
      backend,
      env: { COGNATE_TRIGGERS_DIR: triggers },
    });
    admin = cognate.adminClient();
    ids.userPoolId =
      (
        await admin.send(
          new CreateUserPoolCommand({
            PoolName: "new-home",
            AliasAttributes: ["email"],
            LambdaConfig: {
              UserMigration: "arn:aws:lambda:us-east-1:000000000000:function:cognito-migration",
            },
          }),
        )
      ).UserPool?.Id ?? "";
    ids.clientId =
      (
        await admin.send(
          new CreateUserPoolClientCommand({
            UserPoolId: ids.userPoolId,
            ClientName: "app",
            ExplicitAuthFlows: FLOWS,
          }),
        )
      ).UserPoolClient?.ClientId ?? "";
  });
  afterAll(async () => {
    await Promise.all([cognate?.stop(), oldCognito?.stop()]);
  });

  it("the handler checks the password against the old pool and returns its attributes", async () => {
    const handler = createCognitoMigrationHandler({
      userPoolId: old.userPoolId,
      clientId: old.clientId,
      endpoint: oldCognito.url,
      credentials: oldCognito.adminCredentials,
    });
    const event = (password: string) => ({
      version: "1",
      triggerSource: "UserMigration_Authentication",
      userName: "legacy",
      request: { password },
      response: {},
    });
    const migrated = await handler(event("Legacy-Passw0rd!"));
    expect(migrated.response).toEqual({
      userAttributes: { email: "legacy@example.com", email_verified: "true", given_name: "Lee" },
      finalUserStatus: "CONFIRMED",
      messageAction: "SUPPRESS",
    });
    await expect(handler(event("wrong-password"))).rejects.toThrow("Bad password");
    const forgot = await handler({ ...event(""), triggerSource: "UserMigration_ForgotPassword" });
    expect(forgot.response.userAttributes?.email).toBe("legacy@example.com");
  });

  it("a user of the old pool signs in to Cognate with the old password, once migrated stays", async () => {
    await expect(passwordSignIn(cognate.url, ids.clientId, "legacy", "not-the-password")).rejects.toThrow();
    const signedIn = await passwordSignIn(cognate.url, ids.clientId, "legacy", "Legacy-Passw0rd!");
    expect(signedIn.AuthenticationResult?.IdToken).toBeTruthy();
    const user = await admin.send(
      new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: "legacy" }),
    );
    expect(user.UserStatus).toBe("CONFIRMED");
    expect(user.UserAttributes?.find((a) => a.Name === "given_name")?.Value).toBe("Lee");
    // The old pool is no longer needed: the password (and so SRP) now live in Cognate.
    await oldCognito.stop();
    expect((await srpSignIn(cognate.url, ids, "legacy", "Legacy-Passw0rd!"))["cognito:username"]).toBe(
      "legacy",
    );
  });
});
