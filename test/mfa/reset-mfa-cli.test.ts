import {
  AdminGetUserCommand,
  AssociateSoftwareTokenCommand,
  type CognitoIdentityProviderClient,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliEnv, runCli } from "../support/cli.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { adminPasswordSignIn, mfaPool, mfaUser, totpAt } from "./mfa-support.js";

// `cognate user reset-mfa`: the lost-authenticator reset. After it the user signs in without a code,
// and their MFA settings are gone.

const backends = await testBackends();

describe.each(backends)("cognate user reset-mfa on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = server.adminClient();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("clears a user's TOTP MFA so the next sign-in needs no code", async () => {
    const ids = await mfaPool(admin, "OPTIONAL", { totp: true });
    await mfaUser(admin, ids, "lost-phone");
    const signedIn = await adminPasswordSignIn(admin, ids, "lost-phone");
    const AccessToken = signedIn.AuthenticationResult?.AccessToken ?? "";
    const { SecretCode } = await admin.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    await admin.send(
      new VerifySoftwareTokenCommand({ AccessToken, UserCode: totpAt(SecretCode ?? "", new Date()) }),
    );
    await admin.send(
      new SetUserMFAPreferenceCommand({
        AccessToken,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    expect((await adminPasswordSignIn(admin, ids, "lost-phone")).ChallengeName).toBe("SOFTWARE_TOKEN_MFA");

    const result = await runCli(
      ["user", "reset-mfa", "lost-phone", "--pool", ids.userPoolId, "--json"],
      cliEnv(server),
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      UserPoolId: ids.userPoolId,
      Username: "lost-phone",
      mfaReset: true,
    });

    const viewed = await admin.send(
      new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: "lost-phone" }),
    );
    expect(viewed.UserMFASettingList).toBeUndefined();
    expect(viewed.PreferredMfaSetting).toBeUndefined();
    const after = await adminPasswordSignIn(admin, ids, "lost-phone");
    expect(after.AuthenticationResult?.AccessToken).toMatch(/^ey/);

    const unknown = await runCli(["user", "reset-mfa", "nobody", "--pool", ids.userPoolId], cliEnv(server));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("User does not exist.");
  }, 90_000);
});
