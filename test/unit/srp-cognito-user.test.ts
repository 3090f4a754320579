import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { addUser, fakeServer, memoryStorage, signIn } from "./srp-cognito-user-fake-server.js";

// CognitoUser.authenticateUser runs unmodified; only its transport is replaced by a small in-memory
// server made of the SRP functions, so the client's own signature, device caching and challenge handling
// (authenticateUserDefaultAuth, getDeviceResponse, ConfirmDevice) are what get exercised.

describe("CognitoUser.authenticateUser (USER_SRP_AUTH) against the SRP engine", () => {
  it("signs in through an alias, switching to USER_ID_FOR_SRP", async () => {
    const server = fakeServer({ rememberDevices: false });
    const internal = addUser(server, "alice@example.com", "S3cret-pass!");
    const result = await signIn(server, memoryStorage(), "alice@example.com", "S3cret-pass!");
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.user.getUsername()).toBe(internal);
    expect(server.checks).toEqual(["PASSWORD_VERIFIER:ok"]);
    expect(server.operations).toEqual(["InitiateAuth", "RespondToAuthChallenge"]);
  });

  it("reports a wrong password as NotAuthorizedException", async () => {
    const server = fakeServer({ rememberDevices: false });
    addUser(server, "alice@example.com", "S3cret-pass!");
    const result = await signIn(server, memoryStorage(), "alice@example.com", "S3cret-pass?");
    expect(result).toMatchObject({ ok: false, error: { code: "NotAuthorizedException" } });
    expect(server.checks).toEqual(["PASSWORD_VERIFIER:bad-signature"]);
  });

  it("fails an unknown user at the proof step with a stable simulated challenge", async () => {
    const server = fakeServer({ rememberDevices: false });
    addUser(server, "alice@example.com", "S3cret-pass!");
    const result = await signIn(server, memoryStorage(), "ghost@example.com", "whatever");
    expect(result).toMatchObject({ ok: false, error: { code: "NotAuthorizedException" } });
    expect(server.checks).toEqual(["PASSWORD_VERIFIER:bad-signature"]);

    const initiate = (username: string) =>
      new Promise<{ ChallengeName: string; ChallengeParameters: Record<string, string> }>((resolve, reject) =>
        server.transport.request(
          "InitiateAuth",
          { AuthFlow: "USER_SRP_AUTH", AuthParameters: { USERNAME: username, SRP_A: "2" } },
          (error, data) => (error ? reject(error) : resolve(data as never)),
        ),
      );
    const [ghost1, ghost2, real] = await Promise.all([
      initiate("ghost@example.com"),
      initiate("ghost@example.com"),
      initiate("alice@example.com"),
    ]);
    expect(ghost1.ChallengeName).toBe(real.ChallengeName);
    expect(Object.keys(ghost1.ChallengeParameters).sort()).toEqual(
      Object.keys(real.ChallengeParameters).sort(),
    );
    expect(ghost2.ChallengeParameters.SALT).toBe(ghost1.ChallengeParameters.SALT);
    expect(ghost2.ChallengeParameters.USER_ID_FOR_SRP).toBe(ghost1.ChallengeParameters.USER_ID_FOR_SRP);
    expect(ghost2.ChallengeParameters.SRP_B).not.toBe(ghost1.ChallengeParameters.SRP_B);
  });

  it("remembers the device, then signs in with DEVICE_SRP_AUTH", async () => {
    const server = fakeServer({ rememberDevices: true });
    addUser(server, "bob", "An0ther-pass!");
    const storage = memoryStorage();
    expect((await signIn(server, storage, "bob", "An0ther-pass!")).ok).toBe(true);
    expect(server.operations).toEqual(["InitiateAuth", "RespondToAuthChallenge", "ConfirmDevice"]);
    expect(server.devices.size).toBe(1);

    server.operations.length = 0;
    expect((await signIn(server, storage, "bob", "An0ther-pass!")).ok).toBe(true);
    expect(server.operations).toEqual([
      "InitiateAuth",
      "RespondToAuthChallenge",
      "RespondToAuthChallenge",
      "RespondToAuthChallenge",
    ]);
    expect(server.checks).toEqual([
      "PASSWORD_VERIFIER:ok",
      "PASSWORD_VERIFIER:ok",
      "DEVICE_PASSWORD_VERIFIER:ok",
    ]);

    // A device that lost its random password cannot pass DEVICE_PASSWORD_VERIFIER.
    const passwordKey = [...storage.items.keys()].find((key) => key.endsWith(".randomPasswordKey"));
    if (!passwordKey) throw new Error("the client cached no device password");
    storage.setItem(passwordKey, randomBytes(40).toString("base64"));
    server.checks.length = 0;
    const result = await signIn(server, storage, "bob", "An0ther-pass!");
    expect(result).toMatchObject({ ok: false, error: { code: "NotAuthorizedException" } });
    expect(server.checks).toEqual(["PASSWORD_VERIFIER:ok", "DEVICE_PASSWORD_VERIFIER:bad-signature"]);
  });
});
