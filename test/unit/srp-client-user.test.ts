import { createHmac, randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatSrpTimestamp, type SrpServerState } from "../../src/domain/auth/srp/index.js";
import {
  ClientBigInteger,
  checkClientProof,
  clientAnswers,
  computeVerifier,
  POOL_NAME,
  sdk,
  startServerSession,
  userSignIn,
  verifyClientProof,
} from "./srp-client-fixture.js";

describe("user SRP against the real amazon-cognito-identity-js client", () => {
  it("accepts the right password", async () => {
    const { proof } = await userSignIn("Correct-Horse-1", "Correct-Horse-1");
    expect(checkClientProof(proof)).toBe("ok");
    expect(verifyClientProof(proof)).toBe(true);
  });

  it("rejects a wrong password", async () => {
    const { proof } = await userSignIn("Correct-Horse-1", "Correct-Horse-2");
    expect(checkClientProof(proof)).toBe("bad-signature");
  });

  it("rejects a proof bound to another user or pool", async () => {
    const { proof } = await userSignIn("pw", "pw");
    expect(verifyClientProof({ ...proof, userIdForSrp: "bob" })).toBe(false);
    expect(verifyClientProof({ ...proof, poolName: "OtherPool" })).toBe(false);
  });

  it("rejects a tampered secret block, timestamp or signature", async () => {
    const { proof } = await userSignIn("pw", "pw");
    const block = Buffer.from(proof.secretBlock, "base64");
    block[0] = (block[0] ?? 0) ^ 1;
    expect(checkClientProof({ ...proof, secretBlock: block.toString("base64") })).toBe("bad-signature");
    const later = formatSrpTimestamp(new Date(proof.now.getTime() + 1000));
    expect(later).not.toBe(proof.timestamp);
    expect(checkClientProof({ ...proof, timestamp: later })).toBe("bad-signature");
    const signature = Buffer.from(proof.signature, "base64");
    signature[31] = (signature[31] ?? 0) ^ 0x80;
    expect(checkClientProof({ ...proof, signature: signature.toString("base64") })).toBe("bad-signature");
    expect(checkClientProof({ ...proof, signature: signature.subarray(0, 31).toString("base64") })).toBe(
      "bad-signature",
    );
    expect(checkClientProof({ ...proof, signature: "" })).toBe("bad-signature");
  });

  it("rejects a malformed or stale TIMESTAMP before any math", async () => {
    const { proof } = await userSignIn("pw", "pw");
    expect(checkClientProof({ ...proof, timestamp: "yesterday" })).toBe("invalid-timestamp");
    const tooLate = new Date(proof.now.getTime() + 16 * 60 * 1000);
    expect(checkClientProof({ ...proof, now: tooLate })).toBe("stale-timestamp");
    expect(checkClientProof({ ...proof, now: tooLate, maxClockSkewSeconds: 3600 })).toBe("ok");
    expect(
      checkClientProof({ ...proof, now: new Date(proof.now.getTime() + 60_000), maxClockSkewSeconds: 30 }),
    ).toBe("stale-timestamp");
  });

  it("accepts a zero-padded day when the client signed that exact string", async () => {
    const verifier = computeVerifier({
      poolName: POOL_NAME,
      userIdForSrp: "u",
      password: "p",
      salt: randomBytes(16),
    });
    const session = startServerSession({ verifierHex: verifier.verifierHex, b: randomBytes(128) });
    const helper = new sdk.AuthenticationHelper(POOL_NAME);
    const answer = await clientAnswers({
      helper,
      saltName: POOL_NAME,
      userId: "u",
      password: "p",
      srpB: session.srpB,
      saltHex: verifier.saltHex,
      secretBlock: "c2VjcmV0",
    });
    // Re-sign the same key over a padded-day timestamp for the 5th of the month.
    const now = new Date(Date.UTC(2024, 2, 5, 1, 2, 3));
    const padded = "Tue Mar 05 01:02:03 UTC 2024";
    const key = await new Promise<Uint8Array>((resolve, reject) =>
      helper.getPasswordAuthenticationKey(
        "u",
        "p",
        new ClientBigInteger(session.srpB, 16),
        new ClientBigInteger(verifier.saltHex, 16),
        (error, value) => (error ? reject(error) : resolve(value)),
      ),
    );
    const signature = createHmac("sha256", key)
      .update(
        Buffer.concat([Buffer.from(`${POOL_NAME}u`), Buffer.from("c2VjcmV0", "base64"), Buffer.from(padded)]),
      )
      .digest("base64");
    const proof = { ...answer, state: session.state, poolName: POOL_NAME, userIdForSrp: "u", now };
    expect(checkClientProof({ ...proof, timestamp: padded, signature })).toBe("ok");
  });

  it("rejects SRP_A values that would fix the shared secret", async () => {
    const { proof } = await userSignIn("pw", "pw");
    const n = new sdk.AuthenticationHelper("x").N.toString(16);
    for (const srpA of ["0", n, "zz", ""]) {
      expect(checkClientProof({ ...proof, srpA })).toBe("invalid-srp-a");
    }
  });
});

describe("property: any password round-trips, any other password fails", () => {
  const password = fc.oneof(
    fc.string({ unit: "binary", minLength: 1, maxLength: 64 }),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 64 }),
    fc.string({ unit: "binary", minLength: 200, maxLength: 1000 }),
  );

  it("holds for unicode and long passwords and user ids", async () => {
    await fc.assert(
      fc.asyncProperty(
        password,
        password,
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }),
        async (right, wrong, userId) => {
          fc.pre(right !== wrong);
          const good = await userSignIn(right, right, userId);
          expect(checkClientProof(good.proof)).toBe("ok");
          const bad = await userSignIn(right, wrong, userId);
          expect(checkClientProof(bad.proof)).toBe("bad-signature");
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});

describe("cost of one server-side verification", () => {
  it("is measured (informative, not asserted)", async () => {
    const { proof } = await userSignIn("pw", "pw");
    const runs = 50;
    const started = performance.now();
    for (let i = 0; i < runs; i++) checkClientProof(proof);
    const verifyMs = (performance.now() - started) / runs;
    const startedB = performance.now();
    let state: SrpServerState | undefined;
    for (let i = 0; i < runs; i++) {
      state = startServerSession({ verifierHex: proof.state.verifierHex, b: randomBytes(128) }).state;
    }
    const startMs = (performance.now() - startedB) / runs;
    console.log(
      `SRP server cost: verifyClientProof ${verifyMs.toFixed(2)} ms (v^u, then (A·v^u)^b with a 1024-bit b), ` +
        `startServerSession ${startMs.toFixed(2)} ms (g^b)`,
    );
    expect(state).toBeDefined();
  });
});
