import {
  AdminGetUserCommand,
  type AdminGetUserCommandOutput,
  AdminInitiateAuthCommand,
  type CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  SignUpCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestMessage } from "../support/outbox.js";
import { createConfirmedUser, createPoolAndClient } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { createTriggersDir } from "./support/trigger-modules.js";
import { type Responder, raw, startRecordingWebhook } from "./support/webhooks.js";

// A trigger that throws, one that times out and one that answers garbage each give Cognito's exception,
// as a module and as a webhook, and the user record is left as it was.

const backends = await testBackends();
const SECRET = "failures-trigger-secret-0123456789";
const PASSWORD = "Corr3ct-Horse-Battery!";

type Failure = "throws" | "times out" | "answers garbage";

const MODULES: Record<Failure, string> = {
  throws: `export const handler = async () => { throw new Error("boom"); };\n`,
  "times out": `export const handler = async () => { for (;;) {} };\n`,
  "answers garbage": `export const handler = async (event) => { event.response = "yes please"; return event; };\n`,
};
const WEBHOOKS: Record<Failure, Responder> = {
  throws: () => {
    throw new Error("boom");
  },
  "times out": () => raw(200, "{}", 1500),
  "answers garbage": () => raw(200, "<html>not json</html>"),
};

function expected(trigger: string, failure: Failure) {
  if (failure === "throws") {
    return { name: "UserLambdaValidationException", message: `${trigger} failed with error boom.` };
  }
  if (failure === "times out") {
    return {
      name: "UnexpectedLambdaException",
      message: `${trigger} invocation failed due to error Socket timeout while invoking Lambda function.`,
    };
  }
  return { name: "InvalidLambdaResponseException", message: "Unrecognizable lambda output" };
}

const FAILURES: Failure[] = ["throws", "times out", "answers garbage"];
const cases = backends.flatMap((backend) =>
  (["module", "webhook"] as const).map((mode) => [backend, mode] as const),
);

describe.each(cases)("failing triggers on %s, as a %s", (backend, mode) => {
  const dir = createTriggersDir();
  const closers: Array<() => Promise<void>> = [];
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;

  async function failing(
    trigger: string,
    failure: Failure,
  ): Promise<{ location: string; calls: () => number }> {
    if (mode === "module") {
      return {
        location: dir.write(`${trigger}-${failure.replace(/ /g, "-")}`, MODULES[failure]),
        calls: () => -1,
      };
    }
    const webhook = await startRecordingWebhook(SECRET, WEBHOOKS[failure]);
    closers.push(webhook.close);
    return { location: webhook.url, calls: () => webhook.calls.length };
  }

  /** A short timeout only where the test waits for one; elsewhere a loaded machine must not time out. */
  const tagsFor = (trigger: string, failure: Failure) => ({
    "cognate:trigger-secret": SECRET,
    ...(failure === "times out" ? { [`cognate:trigger-timeout-ms:${trigger}`]: "400" } : {}),
  });
  const poolWith = (
    trigger: string,
    location: string,
    failure: Failure,
    extra: Record<string, unknown> = {},
  ) =>
    createPoolAndClient(admin, {
      LambdaConfig: { [trigger]: location },
      UserPoolTags: tagsFor(trigger, failure),
      ...extra,
    });

  const getUser = (userPoolId: string, username: string) =>
    admin.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
  const stable = (user: AdminGetUserCommandOutput) => ({
    status: user.UserStatus,
    attributes: user.UserAttributes,
    modified: user.UserLastModifiedDate?.getTime(),
    enabled: user.Enabled,
  });

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

  it.each(FAILURES)("PreSignUp that %s refuses the sign-up and writes no user", async (failure) => {
    const target = await failing("PreSignUp", failure);
    const ids = await poolWith("PreSignUp", target.location, failure);
    await expect(
      admin.send(new SignUpCommand({ ClientId: ids.clientId, Username: "nobody", Password: PASSWORD })),
    ).rejects.toMatchObject(expected("PreSignUp", failure));
    await expect(getUser(ids.userPoolId, "nobody")).rejects.toMatchObject({ name: "UserNotFoundException" });
    // Never retried: one call, one chance to send anything.
    if (mode === "webhook") expect(target.calls()).toBe(1);
  });

  it.each(FAILURES)("PostConfirmation that %s leaves the user UNCONFIRMED", async (failure) => {
    const target = await failing("PostConfirmation", failure);
    const ids = await poolWith("PostConfirmation", target.location, failure, {
      AutoVerifiedAttributes: ["email"],
    });
    const email = `confirm.${failure.replace(/ /g, "")}.${backend}.${mode}@mail.example`;
    await admin.send(
      new SignUpCommand({
        ClientId: ids.clientId,
        Username: "joiner",
        Password: PASSWORD,
        UserAttributes: [{ Name: "email", Value: email }],
      }),
    );
    const before = stable(await getUser(ids.userPoolId, "joiner"));
    const code = (await latestMessage(server.dataDir, email)).code ?? "";
    await expect(
      admin.send(
        new ConfirmSignUpCommand({ ClientId: ids.clientId, Username: "joiner", ConfirmationCode: code }),
      ),
    ).rejects.toMatchObject(expected("PostConfirmation", failure));
    const after = stable(await getUser(ids.userPoolId, "joiner"));
    expect(after).toEqual(before);
    expect(after.status).toBe("UNCONFIRMED");
  });

  it.each(FAILURES)("PreAuthentication that %s denies the sign-in and changes nothing", async (failure) => {
    const target = await failing("PreAuthentication", failure);
    // The user is created before the trigger is configured, so the setup sign-in is not refused.
    const plain = await createPoolAndClient(admin, { UserPoolTags: { "cognate:trigger-secret": SECRET } });
    await createConfirmedUser(admin, plain, "member", PASSWORD);
    await admin.send(
      new UpdateUserPoolCommand({
        UserPoolId: plain.userPoolId,
        LambdaConfig: { PreAuthentication: target.location },
        UserPoolTags: tagsFor("PreAuthentication", failure),
      }),
    );
    const before = stable(await getUser(plain.userPoolId, "member"));
    await expect(
      admin.send(
        new AdminInitiateAuthCommand({
          UserPoolId: plain.userPoolId,
          ClientId: plain.clientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "member", PASSWORD },
        }),
      ),
    ).rejects.toMatchObject(expected("PreAuthentication", failure));
    expect(stable(await getUser(plain.userPoolId, "member"))).toEqual(before);
  });
});
