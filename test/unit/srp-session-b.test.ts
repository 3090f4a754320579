import { describe, expect, it } from "vitest";
import { createSrpEngine } from "../../src/domain/auth/srp/index.js";
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
