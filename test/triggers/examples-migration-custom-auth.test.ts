import { AdminGetUserCommand, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createConfirmedUser } from "../support/pool-setup.js";
import { cases, exampleEnvironment, PASSWORD, useExampleServer } from "./support/examples-setup.js";
import {
  answerCustomChallenge,
  claimsOf,
  identityJsUser,
  initiateCustomAuth,
  srpSignIn,
} from "./support/identity-js.js";

// Every trigger in examples/triggers runs unchanged as a module (a Lambda ARN resolved in
// COGNATE_TRIGGERS_DIR) and as a webhook (the same handler behind serve-as-webhook.mjs), on each backend.

const { LEGACY_DB, mail, settings } = await exampleEnvironment();

describe.each(cases)("examples/triggers on %s, as a %s", (backend, mode) => {
  const ctx = useExampleServer(backend, mode, settings);
  const { locate, pool } = ctx;

  it("UserMigration moves a legacy bcrypt user in at sign-in; the next sign-ins, SRP included, need no trigger", async () => {
    const ids = await pool({ UserMigration: await locate("migrate", "user-migration-legacy.mjs") });
    const username = `legacy-${backend}-${mode}`;
    const signIn = (password: string) =>
      ctx.admin.send(
        new InitiateAuthCommand({
          ClientId: ids.clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: username, PASSWORD: password },
        }),
      );
    await expect(signIn("Wrong-Passw0rd!x")).rejects.toMatchObject({
      name: "UserNotFoundException",
      message: `Exception migrating user in app client ${ids.clientId}`,
    });
    await expect(
      ctx.admin.send(new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: username })),
    ).rejects.toMatchObject({ name: "UserNotFoundException" });

    const first = await signIn("Legacy-Passw0rd!x");
    expect(claimsOf(first.AuthenticationResult?.IdToken)).toMatchObject({
      "cognito:username": username,
      email: `${username}@legacy.example`,
      email_verified: true,
      name: `Legacy ${mode}`,
    });
    const migrated = await ctx.admin.send(
      new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: username }),
    );
    expect(migrated.UserStatus).toBe("CONFIRMED");

    // From now on the legacy table is gone: any trigger call would fail, yet both sign-ins succeed.
    const db = new Database(LEGACY_DB);
    db.prepare("DELETE FROM legacy_users WHERE username = ?").run(username);
    db.close();
    const before = await migrationCalls(ctx.server.url);
    expect(before).toBe(2);
    const session = await srpSignIn(
      identityJsUser(ctx.server.url, ids.userPoolId, ids.clientId, username),
      "Legacy-Passw0rd!x",
    );
    expect(claimsOf(session.getIdToken().getJwtToken()).email).toBe(`${username}@legacy.example`);
    expect((await signIn("Legacy-Passw0rd!x")).AuthenticationResult?.AccessToken).toBeTruthy();
    expect(await migrationCalls(ctx.server.url)).toBe(before);
  });

  it("passwordless custom auth emails a one-time code; the right code signs in, wrong ones do not", async () => {
    const location = await locate("passwordless", "passwordless-email-code.mjs");
    const ids = await pool(
      { DefineAuthChallenge: location, CreateAuthChallenge: location, VerifyAuthChallengeResponse: location },
      {},
      { ExplicitAuthFlows: ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
    );
    const email = `pat.${backend}.${mode}@mail.example`;
    await createConfirmedUser(
      ctx.admin,
      { userPoolId: ids.userPoolId, clientId: (await adminClientFor(ids.userPoolId)).clientId },
      "pat",
      PASSWORD,
      [{ Name: "email", Value: email }],
    );

    const user = identityJsUser(ctx.server.url, ids.userPoolId, ids.clientId, "pat");
    const challenge = await initiateCustomAuth(user);
    expect(challenge).toMatchObject({
      kind: "custom-challenge",
      parameters: { email: expect.stringMatching(/^p\*\*\*@/) },
    });
    expect(mail.to(email)).toHaveLength(1);
    const code = /sign-in code is (\d{6})/.exec(mail.to(email)[0]?.raw ?? "")?.[1] ?? "";
    const signedIn = await answerCustomChallenge(user, code);
    expect(signedIn.kind).toBe("success");
    if (signedIn.kind === "success") {
      expect(claimsOf(signedIn.session.getIdToken().getJwtToken())).toMatchObject({
        "cognito:username": "pat",
        email,
      });
    }

    const again = identityJsUser(ctx.server.url, ids.userPoolId, ids.clientId, "pat");
    await initiateCustomAuth(again);
    const code2 = /sign-in code is (\d{6})/.exec(mail.to(email)[1]?.raw ?? "")?.[1] ?? "";
    const wrong = code2 === "000000" ? "111111" : "000000";
    expect((await answerCustomChallenge(again, wrong)).kind).toBe("custom-challenge");
    expect((await answerCustomChallenge(again, wrong)).kind).toBe("custom-challenge");
    await expect(answerCustomChallenge(again, wrong)).rejects.toMatchObject({
      code: "NotAuthorizedException",
      message: "Incorrect username or password.",
    });
    // Retries reused the code already sent: one email per sign-in attempt.
    expect(mail.to(email)).toHaveLength(2);
  });

  /** A second client for the admin-only helper (createConfirmedUser needs ADMIN_USER_PASSWORD_AUTH). */
  async function adminClientFor(userPoolId: string) {
    const { CreateUserPoolClientCommand } = await import("@aws-sdk/client-cognito-identity-provider");
    const created = await ctx.admin.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: "admin",
        ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    );
    return { clientId: created.UserPoolClient?.ClientId ?? "" };
  }
});

/** UserMigration invocations so far, from the server's Prometheus metrics. */
async function migrationCalls(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return [
    ...text.matchAll(
      /^cognate_trigger_invocations_total\{trigger="UserMigration",outcome="[a-z_]+"\} (\d+)/gm,
    ),
  ]
    .map((match) => Number(match[1]))
    .reduce((sum, n) => sum + n, 0);
}
