import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  type CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import bcrypt from "bcryptjs";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveAsWebhook } from "../../examples/triggers/lib/serve-as-webhook.mjs";
import { latestMessage } from "../support/outbox.js";
import { createConfirmedUser, createPoolAndClient } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import {
  answerCustomChallenge,
  claimsOf,
  identityJsUser,
  initiateCustomAuth,
  srpSignIn,
} from "./support/identity-js.js";
import { startMailCatcher } from "./support/mail-catcher.js";
import { createTriggersDir, exampleHandler, type FunctionSettings } from "./support/trigger-modules.js";

// Every trigger in examples/triggers runs unchanged as a module (a Lambda ARN resolved in
// COGNATE_TRIGGERS_DIR) and as a webhook (the same handler behind serve-as-webhook.mjs), on each backend.

const backends = await testBackends();
const SECRET = "examples-trigger-secret-0123456789";
const PASSWORD = "Corr3ct-Horse-Battery!";
const work = mkdtempSync(join(tmpdir(), "cognate-examples-"));
const PROFILE_DB = join(work, "profiles.db");
const LEGACY_DB = join(work, "legacy.db");
const mail = await startMailCatcher();
// The webhook variants run the handlers in this process: they read the same settings from process.env.
Object.assign(process.env, { PROFILE_DB, LEGACY_DB, SMTP_URL: mail.url });
const settings: FunctionSettings = {
  Environment: { Variables: { PROFILE_DB, LEGACY_DB, SMTP_URL: mail.url } },
};

const legacy = new Database(LEGACY_DB);
legacy.exec(
  "CREATE TABLE legacy_users (username TEXT PRIMARY KEY, email TEXT NOT NULL, full_name TEXT, password_hash TEXT NOT NULL)",
);
const addLegacy = legacy.prepare("INSERT INTO legacy_users VALUES (?, ?, ?, ?)");
for (const backend of backends) {
  for (const mode of ["module", "webhook"]) {
    const name = `legacy-${backend}-${mode}`;
    addLegacy.run(name, `${name}@legacy.example`, `Legacy ${mode}`, bcrypt.hashSync("Legacy-Passw0rd!x", 10));
  }
}
legacy.close();

afterAll(async () => {
  await mail.close();
  rmSync(work, { recursive: true, force: true });
});

const cases = backends.flatMap((backend) =>
  (["module", "webhook"] as const).map((mode) => [backend, mode] as const),
);

describe.each(cases)("examples/triggers on %s, as a %s", (backend, mode) => {
  const dir = createTriggersDir();
  const closers: Array<() => Promise<void>> = [];
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;

  /** Where the pool finds `file`: an ARN for the module variant, a URL for the webhook variant. */
  async function locate(name: string, file: string): Promise<string> {
    if (mode === "module") return dir.example(name, file, settings);
    const webhook = await serveAsWebhook(await exampleHandler(file), { secret: SECRET });
    closers.push(webhook.close);
    return webhook.url;
  }

  const pool = (lambdaConfig: Record<string, unknown>, extra: Record<string, unknown> = {}, client = {}) =>
    createPoolAndClient(
      admin,
      { LambdaConfig: lambdaConfig, UserPoolTags: { "cognate:trigger-secret": SECRET }, ...extra },
      client,
    );

  beforeAll(async () => {
    server = await startTestServer({
      backend,
      env: { COGNATE_TRIGGERS_DIR: dir.dir, COGNATE_WEBHOOK_ALLOW_PRIVATE: "true" },
    });
    admin = server.adminClient();
  });
  afterAll(async () => {
    await server.stop();
    for (const close of closers) await close();
    dir.remove();
  });

  it("PreSignUp auto-confirms @company.com sign-ups and turns the rest away", async () => {
    const ids = await pool({ PreSignUp: await locate("pre-sign-up", "pre-sign-up-company-domain.mjs") });
    const signUp = (username: string, email: string) =>
      admin.send(
        new SignUpCommand({
          ClientId: ids.clientId,
          Username: username,
          Password: PASSWORD,
          UserAttributes: [{ Name: "email", Value: email }],
        }),
      );
    const accepted = await signUp("alice", "alice@company.com");
    expect(accepted.UserConfirmed).toBe(true);
    expect(accepted.CodeDeliveryDetails).toBeUndefined();
    const alice = await admin.send(
      new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: "alice" }),
    );
    expect(alice.UserStatus).toBe("CONFIRMED");
    expect(alice.UserAttributes).toContainEqual({ Name: "email_verified", Value: "true" });

    await expect(signUp("bob", "bob@elsewhere.example")).rejects.toMatchObject({
      name: "UserLambdaValidationException",
      message: "PreSignUp failed with error Sign-up is open to company.com addresses only.",
    });
    await expect(
      admin.send(new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: "bob" })),
    ).rejects.toMatchObject({ name: "UserNotFoundException" });
  });

  it("PreTokenGeneration adds custom:loyaltyTier=gold to the ID token of vip@ customers", async () => {
    const location = await locate("loyalty", "pre-token-generation-loyalty.mjs");
    // The module variant runs as a V1_0 trigger, the webhook variant as V2_0: the example handles both.
    const version = mode === "module" ? "V1_0" : "V2_0";
    const ids = await pool({ PreTokenGenerationConfig: { LambdaVersion: version, LambdaArn: location } });
    await createConfirmedUser(admin, ids, "vip", PASSWORD, [{ Name: "email", Value: "vip@shop.example" }]);
    await createConfirmedUser(admin, ids, "regular", PASSWORD, [{ Name: "email", Value: "me@shop.example" }]);
    const idTokenOf = async (username: string) =>
      claimsOf(
        (
          await admin.send(
            new AdminInitiateAuthCommand({
              UserPoolId: ids.userPoolId,
              ClientId: ids.clientId,
              AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
              AuthParameters: { USERNAME: username, PASSWORD },
            }),
          )
        ).AuthenticationResult?.IdToken,
      );
    const vip = await idTokenOf("vip");
    expect(vip["custom:loyaltyTier"]).toBe("gold");
    expect(vip.email).toBe("vip@shop.example");
    expect((await idTokenOf("regular"))["custom:loyaltyTier"]).toBeUndefined();
  });

  it("CustomMessage sends a branded email with the username and a link carrying the code", async () => {
    const ids = await pool(
      { CustomMessage: await locate("branded", "custom-message-branded.mjs") },
      { AutoVerifiedAttributes: ["email"] },
    );
    const email = `dave.${backend}.${mode}@mail.example`;
    const out = await admin.send(
      new SignUpCommand({
        ClientId: ids.clientId,
        Username: "dave",
        Password: PASSWORD,
        UserAttributes: [{ Name: "email", Value: email }],
      }),
    );
    expect(out.CodeDeliveryDetails?.DeliveryMedium).toBe("EMAIL");
    const message = await latestMessage(server.dataDir, email);
    expect(message.subject).toBe("Welcome to Example: confirm your account");
    expect(message.code).toMatch(/^\d{6}$/);
    expect(message.body).toContain("Hello dave");
    expect(message.body).toContain(`Your code is ${message.code}.`);
    expect(message.body).toContain(`https://app.example.com/confirm?user=dave&code=${message.code}`);
  });

  it("PostConfirmation writes the profile row to an SQLite file", async () => {
    const ids = await pool(
      { PostConfirmation: await locate("profile", "post-confirmation-profile.mjs") },
      { AutoVerifiedAttributes: ["email"] },
    );
    const email = `erin.${backend}.${mode}@mail.example`;
    const { UserSub } = await admin.send(
      new SignUpCommand({
        ClientId: ids.clientId,
        Username: "erin",
        Password: PASSWORD,
        UserAttributes: [{ Name: "email", Value: email }],
      }),
    );
    const code = (await latestMessage(server.dataDir, email)).code ?? "";
    await admin.send(
      new ConfirmSignUpCommand({ ClientId: ids.clientId, Username: "erin", ConfirmationCode: code }),
    );
    const db = new Database(PROFILE_DB, { readonly: true });
    const row = db.prepare("SELECT * FROM profiles WHERE sub = ?").get(UserSub);
    db.close();
    expect(row).toMatchObject({
      sub: UserSub,
      username: "erin",
      email,
      confirmed_by: "PostConfirmation_ConfirmSignUp",
    });
  });

  it("UserMigration moves a legacy bcrypt user in at sign-in; the next sign-ins, SRP included, need no trigger", async () => {
    const ids = await pool({ UserMigration: await locate("migrate", "user-migration-legacy.mjs") });
    const username = `legacy-${backend}-${mode}`;
    const signIn = (password: string) =>
      admin.send(
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
      admin.send(new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: username })),
    ).rejects.toMatchObject({ name: "UserNotFoundException" });

    const first = await signIn("Legacy-Passw0rd!x");
    expect(claimsOf(first.AuthenticationResult?.IdToken)).toMatchObject({
      "cognito:username": username,
      email: `${username}@legacy.example`,
      email_verified: true,
      name: `Legacy ${mode}`,
    });
    const migrated = await admin.send(
      new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: username }),
    );
    expect(migrated.UserStatus).toBe("CONFIRMED");

    // From now on the legacy table is gone: any trigger call would fail, yet both sign-ins succeed.
    const db = new Database(LEGACY_DB);
    db.prepare("DELETE FROM legacy_users WHERE username = ?").run(username);
    db.close();
    const before = await migrationCalls(server.url);
    expect(before).toBe(2);
    const session = await srpSignIn(
      identityJsUser(server.url, ids.userPoolId, ids.clientId, username),
      "Legacy-Passw0rd!x",
    );
    expect(claimsOf(session.getIdToken().getJwtToken()).email).toBe(`${username}@legacy.example`);
    expect((await signIn("Legacy-Passw0rd!x")).AuthenticationResult?.AccessToken).toBeTruthy();
    expect(await migrationCalls(server.url)).toBe(before);
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
      admin,
      { userPoolId: ids.userPoolId, clientId: (await adminClientFor(ids.userPoolId)).clientId },
      "pat",
      PASSWORD,
      [{ Name: "email", Value: email }],
    );

    const user = identityJsUser(server.url, ids.userPoolId, ids.clientId, "pat");
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

    const again = identityJsUser(server.url, ids.userPoolId, ids.clientId, "pat");
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
    const created = await admin.send(
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
