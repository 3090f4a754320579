import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deviceVerifierFromConfig } from "../../src/domain/auth/srp/index.js";
import {
  checkDeviceProof,
  clientAnswers,
  computeVerifier,
  POOL_NAME,
  sdk,
  startServerSession,
  verifyDeviceProof,
} from "./srp-client-fixture.js";

describe("device SRP against the real client", () => {
  const deviceGroupKey = "-Ab1Cd2Ef";
  const deviceKey = "us-east-1_0f6c2a3e-6b7d-4d1a-9d5e-2f1b3c4d5e6f";

  async function confirmDevice() {
    const helper = new sdk.AuthenticationHelper(POOL_NAME);
    await new Promise<void>((resolve, reject) =>
      helper.generateHashDevice(deviceGroupKey, deviceKey, (error) => (error ? reject(error) : resolve())),
    );
    // Exactly what CognitoUser sends as ConfirmDevice.DeviceSecretVerifierConfig.
    const config = {
      salt: Buffer.from(helper.getSaltDevices(), "hex").toString("base64"),
      passwordVerifier: Buffer.from(helper.getVerifierDevices(), "hex").toString("base64"),
    };
    return { config, randomPassword: helper.getRandomPassword(), saltHex: helper.getSaltDevices() };
  }

  async function deviceSignIn(stored: { saltHex: string; verifierHex: string }, randomPassword: string) {
    const session = startServerSession({ verifierHex: stored.verifierHex, b: randomBytes(128) });
    const answer = await clientAnswers({
      helper: new sdk.AuthenticationHelper(deviceGroupKey),
      saltName: deviceGroupKey,
      userId: deviceKey,
      password: randomPassword,
      srpB: session.srpB,
      saltHex: stored.saltHex,
      secretBlock: randomBytes(48).toString("base64"),
    });
    return { state: session.state, deviceGroupKey, deviceKey, now: new Date(), ...answer };
  }

  it("reads the client's verifier config and matches computeVerifier", async () => {
    const { config, randomPassword, saltHex } = await confirmDevice();
    const stored = deviceVerifierFromConfig(config);
    expect(stored?.saltHex).toBe(saltHex);
    const recomputed = computeVerifier({
      poolName: deviceGroupKey,
      userIdForSrp: deviceKey,
      password: randomPassword,
      salt: Buffer.from(saltHex, "hex"),
    });
    expect(stored?.verifierHex).toBe(recomputed.verifierHex);
  });

  it("accepts the device that holds the random password and rejects others", async () => {
    const { config, randomPassword } = await confirmDevice();
    const stored = deviceVerifierFromConfig(config);
    if (!stored) throw new Error("verifier config refused");
    const good = await deviceSignIn(stored, randomPassword);
    expect(checkDeviceProof(good)).toBe("ok");
    expect(verifyDeviceProof({ ...good, deviceKey: "us-east-1_other" })).toBe(false);
    const bad = await deviceSignIn(stored, `${randomPassword}x`);
    expect(checkDeviceProof(bad)).toBe("bad-signature");
  });

  it("refuses verifier configs that are empty or out of range", () => {
    const n = Buffer.from(new sdk.AuthenticationHelper("x").N.toString(16), "hex").toString("base64");
    expect(deviceVerifierFromConfig({ salt: "", passwordVerifier: "AQ==" })).toBeUndefined();
    expect(deviceVerifierFromConfig({ salt: "AQ==", passwordVerifier: "" })).toBeUndefined();
    expect(deviceVerifierFromConfig({ salt: "AQ==", passwordVerifier: "AA==" })).toBeUndefined();
    expect(deviceVerifierFromConfig({ salt: "AQ==", passwordVerifier: n })).toBeUndefined();
  });
});
