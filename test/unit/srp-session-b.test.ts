import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSrpEngine, padHex, SRP_N } from "../../src/domain/auth/srp/index.js";
import { createOpenSslSrpPrimitives } from "../../src/integrations/crypto/modexp.js";

// The sign-in engine keeps SRP's b in the sealed Session and rebuilds the server session from it. b must
// travel as its raw bytes: a b whose first byte is zero has a shorter padHex form, which the engine refuses.
describe("SRP private value round trip", () => {
  it("a b with a leading zero byte survives the Session as raw hex", () => {
    const srp = createSrpEngine(createOpenSslSrpPrimitives());
    const verifier = srp.computeVerifier({
      poolName: "Pool",
      userIdForSrp: "u",
      password: "p",
      salt: new Uint8Array(16).fill(1),
    });
    const b = new Uint8Array(32).fill(7);
    b[0] = 0;
    const first = srp.startServerSession({ verifierHex: verifier.verifierHex, b });
    const carried = Buffer.from(Buffer.from(b).toString("hex"), "hex");
    expect(carried.length).toBe(32);
    expect(srp.startServerSession({ verifierHex: verifier.verifierHex, b: carried }).srpB).toBe(first.srpB);
    expect(() =>
      srp.startServerSession({
        verifierHex: verifier.verifierHex,
        b: Buffer.from(first.state.privateBHex, "hex"),
      }),
    ).toThrow();
  });
});

// The Session keeps u instead of B, so the proof step does not redo g^b (one modexp of the four).
describe("SRP scrambler u kept in the Session", () => {
  const srp = createSrpEngine(createOpenSslSrpPrimitives());
  const verifier = srp.computeVerifier({
    poolName: "Pool",
    userIdForSrp: "u",
    password: "p",
    salt: new Uint8Array(16).fill(3),
  });

  it("is H(padHex(A) ‖ padHex(B)) for a valid A, and absent for an invalid one", () => {
    const a = BigInt(`0x${randomBytes(64).toString("hex")}`) % SRP_N;
    const session = srp.startServerSession({
      verifierHex: verifier.verifierHex,
      b: randomBytes(32),
      srpA: a.toString(16),
    });
    const expected = createHash("sha256")
      .update(Buffer.from(padHex(a) + padHex(BigInt(`0x${session.srpB}`)), "hex"))
      .digest("hex");
    expect(BigInt(`0x${session.state.scramblerHex}`)).toBe(BigInt(`0x${expected}`));
    for (const srpA of ["0", SRP_N.toString(16), "not hex"]) {
      const refused = srp.startServerSession({ verifierHex: verifier.verifierHex, b: randomBytes(32), srpA });
      expect(refused.state.scramblerHex).toBeUndefined();
    }
  });

  it("resumes to the same proof check as the full state, and fails with another u", () => {
    const a = BigInt(`0x${randomBytes(64).toString("hex")}`) % SRP_N;
    const b = randomBytes(32);
    const full = srp.startServerSession({ verifierHex: verifier.verifierHex, b, srpA: a.toString(16) });
    const scramblerHex = full.state.scramblerHex ?? "";
    const resumed = srp.resumeServerSession({ verifierHex: verifier.verifierHex, b, scramblerHex });
    expect(resumed.publicBHex).toBeUndefined();
    expect(resumed.privateBHex).toBe(full.state.privateBHex);
    // Without a client's key the signature is wrong either way; both states must get that far.
    const proof = {
      srpA: a.toString(16),
      secretBlock: randomBytes(48).toString("base64"),
      timestamp: "Thu Nov 26 16:55:22 UTC 2026",
      signature: randomBytes(32).toString("base64"),
      now: new Date("2026-11-26T16:55:22Z"),
      poolName: "Pool",
      userIdForSrp: "u",
    };
    expect(srp.checkClientProof({ ...proof, state: resumed })).toBe("bad-signature");
    expect(srp.checkClientProof({ ...proof, state: full.state })).toBe("bad-signature");
    const zero = srp.resumeServerSession({ verifierHex: verifier.verifierHex, b, scramblerHex: "00" });
    expect(srp.checkClientProof({ ...proof, state: zero })).toBe("invalid-srp-a");
  });
});
