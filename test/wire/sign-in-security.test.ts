import {
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../support/fake-clock.js";
import { createConfirmedUser, createPoolAndClient } from "../support/pool-setup.js";
import { type RawResponse, startTestServer, type TestServer, testBackends } from "../support/server.js";

const backends = await testBackends();
const PASSWORD = "Secur1ty-Passw0rd!";

/** What a client can observe of a response, minus the per-request id. */
function observable(response: RawResponse) {
  const headers = [...response.headers.keys()].filter(
    (name) => !["date", "x-amzn-requestid", "content-length"].includes(name),
  );
  return { status: response.status, headers: headers.sort(), body: response.json() };
}

function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)]));
  }
  return typeof value;
}

describe.each(backends)("sign-in security on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let ids: { userPoolId: string; clientId: string };
  const clock = new FakeClock(new Date());

  beforeAll(async () => {
    server = await startTestServer({ backend, clock });
    admin = server.adminClient();
    ids = await createPoolAndClient(
      admin,
      { AutoVerifiedAttributes: ["email"] },
      { PreventUserExistenceErrors: "ENABLED" },
    );
    await createConfirmedUser(admin, ids, "real", PASSWORD, [{ Name: "email", Value: "real@example.com" }]);
    await admin.send(
      new SignUpCommand({
        ClientId: ids.clientId,
        Username: "pending",
        Password: PASSWORD,
        UserAttributes: [{ Name: "email", Value: "pending@example.com" }],
      }),
    );
  });
  afterAll(async () => {
    await server.stop();
  });

  describe("with PreventUserExistenceErrors ENABLED, unknown users look like real ones", () => {
    it("InitiateAuth USER_PASSWORD_AUTH", async () => {
      const call = (username: string) =>
        server.postJson("InitiateAuth", {
          ClientId: ids.clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: username, PASSWORD: "Not-The-Passw0rd!" },
        });
      const [real, ghost] = [observable(await call("real")), observable(await call("ghost"))];
      expect(ghost).toEqual(real);
      expect(real.body).toEqual({
        __type: "NotAuthorizedException",
        message: "Incorrect username or password.",
      });
    });

    it("InitiateAuth USER_SRP_AUTH and its proof, with a stable simulated salt", async () => {
      const start = (username: string) =>
        server.postJson("InitiateAuth", {
          ClientId: ids.clientId,
          AuthFlow: "USER_SRP_AUTH",
          AuthParameters: { USERNAME: username, SRP_A: "1f2e3d4c5b6a" },
        });
      const real = await start("real");
      const ghost = await start("ghost");
      expect(observable(ghost).status).toBe(200);
      expect(shape(ghost.json())).toEqual(shape(real.json()));
      const ghostAgain = await start("ghost");
      const salt = (response: RawResponse) =>
        (response.json() as { ChallengeParameters: { SALT: string } }).ChallengeParameters.SALT;
      expect(salt(ghostAgain)).toBe(salt(ghost));

      const prove = (started: RawResponse) => {
        const body = started.json() as { Session: string; ChallengeParameters: Record<string, string> };
        return server.postJson("RespondToAuthChallenge", {
          ClientId: ids.clientId,
          ChallengeName: "PASSWORD_VERIFIER",
          Session: body.Session,
          ChallengeResponses: {
            USERNAME: body.ChallengeParameters.USER_ID_FOR_SRP,
            PASSWORD_CLAIM_SECRET_BLOCK: body.ChallengeParameters.SECRET_BLOCK,
            PASSWORD_CLAIM_SIGNATURE: Buffer.alloc(32, 7).toString("base64"),
            TIMESTAMP: "Thu Nov 26 10:00:00 UTC 2026",
          },
        });
      };
      const [realProof, ghostProof] = [observable(await prove(real)), observable(await prove(ghost))];
      expect(ghostProof).toEqual(realProof);
      expect(realProof.body).toEqual({
        __type: "NotAuthorizedException",
        message: "Incorrect username or password.",
      });
    });

    it("ResendConfirmationCode", async () => {
      const call = (username: string) =>
        server.postJson("ResendConfirmationCode", { ClientId: ids.clientId, Username: username });
      const real = await call("pending");
      const ghost = await call("ghost");
      expect(observable(ghost).status).toBe(200);
      expect(shape(ghost.json())).toEqual(shape(real.json()));
      expect(ghost.json()).toMatchObject({
        CodeDeliveryDetails: { AttributeName: "email", DeliveryMedium: "EMAIL" },
      });
    });

    it("ConfirmSignUp with a wrong code", async () => {
      const call = (username: string) =>
        server.postJson("ConfirmSignUp", {
          ClientId: ids.clientId,
          Username: username,
          ConfirmationCode: "000000",
        });
      const [real, ghost] = [observable(await call("pending")), observable(await call("ghost"))];
      expect(ghost).toEqual(real);
      expect(real.body).toMatchObject({ __type: "CodeMismatchException" });
    });
  });

  it("locks out on Cognito's schedule: 5 failures, then waits doubling from 1 s", async () => {
    await createConfirmedUser(admin, ids, "target", PASSWORD);
    const attempt = (password: string) =>
      admin.send(
        new InitiateAuthCommand({
          ClientId: ids.clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "target", PASSWORD: password },
        }),
      );
    const incorrect = { name: "NotAuthorizedException", message: "Incorrect username or password." };
    const exceeded = { name: "NotAuthorizedException", message: "Password attempts exceeded" };
    for (let failure = 1; failure <= 5; failure++)
      await expect(attempt("Wrong-Passw0rd!")).rejects.toMatchObject(incorrect);
    await expect(attempt(PASSWORD)).rejects.toMatchObject(exceeded);
    clock.advance(1_001);
    await expect(attempt("Wrong-Passw0rd!")).rejects.toMatchObject(incorrect);
    clock.advance(1_500);
    await expect(attempt(PASSWORD)).rejects.toMatchObject(exceeded);
    clock.advance(600);
    await expect(attempt(PASSWORD)).resolves.toMatchObject({ AuthenticationResult: { TokenType: "Bearer" } });
    // A success ends the streak: five more failures are needed before the next lockout.
    for (let failure = 1; failure <= 5; failure++)
      await expect(attempt("Wrong-Passw0rd!")).rejects.toMatchObject(incorrect);
    await expect(attempt(PASSWORD)).rejects.toMatchObject(exceeded);
    // Fifteen quiet minutes end the streak too.
    clock.advance(15 * 60_000 + 1_000);
    await expect(attempt(PASSWORD)).resolves.toMatchObject({ AuthenticationResult: { TokenType: "Bearer" } });
  });

  it("lets exactly one of 50 parallel sign-ups with one username succeed", async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        admin.send(new SignUpCommand({ ClientId: ids.clientId, Username: "racer", Password: PASSWORD })),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") {
        expect(outcome.reason).toMatchObject({
          name: "UsernameExistsException",
          message: "User already exists",
        });
      }
    }
  });
});
