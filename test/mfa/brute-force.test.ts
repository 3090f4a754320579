import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../support/fake-clock.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { mfaPool, mfaUser, PASSWORD, totpAt } from "./mfa-support.js";

// The guessing bound of docs/mfa.md, measured: an attacker who knows the password gets 3 wrong codes per
// Session, every wrong code feeds the lockout, and at most 20 wrong codes count per user in any 24 hours;
// after that even the right code is refused until the failures age out. Public (unsigned) calls only, so
// the fake clock can move hours ahead.

const backends = await testBackends();
const SESSION_LIMIT = 3;
const DAILY_LIMIT = 20;

describe.each(backends)("MFA guessing limits on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let ids: { userPoolId: string; clientId: string };
  let secret = "";
  const clock = new FakeClock();

  const call = async (target: string, body: unknown) => {
    const response = await server.postJson(target, body);
    return { status: response.status, body: response.json() as Record<string, unknown> };
  };
  const signIn = () =>
    call("InitiateAuth", {
      ClientId: ids.clientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: "guessed", PASSWORD },
    });
  const answer = (session: unknown, code: string) =>
    call("RespondToAuthChallenge", {
      ClientId: ids.clientId,
      ChallengeName: "SOFTWARE_TOKEN_MFA",
      Session: session,
      ChallengeResponses: { USERNAME: "guessed", SOFTWARE_TOKEN_MFA_CODE: code },
    });
  /** A code that is none of the three the server accepts now. */
  const wrongCode = () => {
    const now = clock.now().getTime();
    const valid = new Set([-30_000, 0, 30_000].map((offset) => totpAt(secret, new Date(now + offset))));
    for (let n = 0; ; n++) {
      const candidate = String(n).padStart(6, "0");
      if (!valid.has(candidate)) return candidate;
    }
  };

  beforeAll(async () => {
    server = await startTestServer({ backend, clock });
    admin = server.adminClient();
    ids = await mfaPool(admin, "OPTIONAL", { totp: true });
    await mfaUser(admin, ids, "guessed");
    const first = await signIn();
    const accessToken = (first.body.AuthenticationResult as { AccessToken: string }).AccessToken;
    secret = String((await call("AssociateSoftwareToken", { AccessToken: accessToken })).body.SecretCode);
    const verified = await call("VerifySoftwareToken", {
      AccessToken: accessToken,
      UserCode: totpAt(secret, clock.now()),
    });
    expect(verified.body.Status).toBe("SUCCESS");
    clock.advance(30_000);
  });
  afterAll(async () => {
    await server.stop();
  });

  it("ends a Session after three wrong codes, even for the right code", async () => {
    const started = await signIn();
    expect(started.body.ChallengeName).toBe("SOFTWARE_TOKEN_MFA");
    for (let i = 0; i < SESSION_LIMIT; i++) {
      const guess = await answer(started.body.Session, wrongCode());
      expect(guess.body.__type).toBe("CodeMismatchException");
    }
    const right = await answer(started.body.Session, totpAt(secret, clock.now()));
    expect(right.status).toBe(400);
    expect(right.body).toMatchObject({
      __type: "NotAuthorizedException",
      message: "Invalid session for the user.",
    });
    // Let the lockout streak (three failures so far) lapse before the next test counts.
    clock.advance(16 * 60_000);
  });

  it("tests at most three codes of one Session even when ten guesses arrive at once", async () => {
    const started = await signIn();
    const guesses = await Promise.all(
      Array.from({ length: 10 }, () => answer(started.body.Session, wrongCode())),
    );
    const types = guesses.map((guess) => guess.body.__type);
    expect(types.filter((type) => type === "CodeMismatchException")).toHaveLength(SESSION_LIMIT);
    expect(types.filter((type) => type === "NotAuthorizedException")).toHaveLength(10 - SESSION_LIMIT);
    clock.advance(16 * 60_000);
  });

  it("counts at most 20 wrong codes per account in 24 hours, then refuses the right code too", async () => {
    const startedAt = clock.now().getTime();
    let counted = 2 * SESSION_LIMIT; // the previous tests' wrong codes are within the same 24 hours
    let refusedWith: unknown;
    while (refusedWith === undefined) {
      const started = await signIn();
      if (started.body.message === "Password attempts exceeded") {
        clock.advance(16 * 60_000); // wait out the lockout, as a patient attacker would
        continue;
      }
      expect(started.body.ChallengeName).toBe("SOFTWARE_TOKEN_MFA");
      for (let i = 0; i < SESSION_LIMIT; i++) {
        const guess = await answer(started.body.Session, wrongCode());
        if (guess.body.__type === "CodeMismatchException") {
          counted++;
          continue;
        }
        if (guess.body.message === "Password attempts exceeded") break;
        refusedWith = guess.body;
        break;
      }
      clock.advance(1_000);
    }
    expect(counted).toBe(DAILY_LIMIT);
    expect(refusedWith).toMatchObject({ __type: "NotAuthorizedException" });
    expect(clock.now().getTime() - startedAt).toBeLessThan(24 * 3600_000);

    // Beyond the cap the right code is refused as well: guessing cannot continue today.
    clock.advance(16 * 60_000);
    const started = await signIn();
    const right = await answer(started.body.Session, totpAt(secret, clock.now()));
    expect(right.body).toMatchObject({
      __type: "NotAuthorizedException",
      message: "Too many invalid MFA codes for the user; try again later.",
    });

    // A day later the failures have aged out and the right code signs in.
    clock.advance(24 * 3600_000);
    const fresh = await signIn();
    const accepted = await answer(fresh.body.Session, totpAt(secret, clock.now()));
    expect(accepted.status).toBe(200);
    expect((accepted.body.AuthenticationResult as { AccessToken: string }).AccessToken).toMatch(/^ey/);
  });
});
