import { type CognitoIdentityProviderClient, SignUpCommand } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPoolAndClient } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

const backends = await testBackends();
const RELAXED = {
  Policies: {
    PasswordPolicy: {
      MinimumLength: 8,
      RequireUppercase: false,
      RequireLowercase: false,
      RequireNumbers: false,
      RequireSymbols: false,
    },
  },
};

describe.each(backends)("the breached-password check on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = server.adminClient();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("refuses a common password by default, whatever its case", async () => {
    const { clientId } = await createPoolAndClient(admin, RELAXED);
    for (const password of ["password1", "IloveYou!"]) {
      await expect(
        admin.send(new SignUpCommand({ ClientId: clientId, Username: `u-${password}`, Password: password })),
      ).rejects.toMatchObject({
        name: "InvalidPasswordException",
        message: "Provided password cannot be used for security reasons.",
      });
    }
    await expect(
      admin.send(
        new SignUpCommand({ ClientId: clientId, Username: "unusual", Password: "velvet-otter-quarry" }),
      ),
    ).resolves.toMatchObject({ UserConfirmed: false });
  });

  it("can be switched off per pool with the cognate:breached-password-check tag", async () => {
    const { clientId } = await createPoolAndClient(admin, {
      ...RELAXED,
      UserPoolTags: { "cognate:breached-password-check": "off" },
    });
    await expect(
      admin.send(new SignUpCommand({ ClientId: clientId, Username: "legacy", Password: "password1" })),
    ).resolves.toMatchObject({ UserConfirmed: false });
  });
});
