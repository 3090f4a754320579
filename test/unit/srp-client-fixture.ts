import { createHmac, randomBytes } from "node:crypto";
import * as identity from "amazon-cognito-identity-js";
import { createSrpEngine } from "../../src/domain/auth/srp/index.js";
import { createOpenSslSrpPrimitives } from "../../src/integrations/crypto/modexp.js";

export const {
  checkClientProof,
  checkDeviceProof,
  computeVerifier,
  startServerSession,
  verifyClientProof,
  verifyDeviceProof,
} = createSrpEngine(createOpenSslSrpPrimitives());

// The real amazon-cognito-identity-js AuthenticationHelper plays the client against the server functions.
// The package ships it without typings; these are the parts used.
export interface ClientBigInteger {
  toString(radix: number): string;
}
export interface ClientHelper {
  N: ClientBigInteger;
  getLargeAValue(callback: (error: unknown, a: ClientBigInteger) => void): void;
  getPasswordAuthenticationKey(
    userId: string,
    password: string,
    serverB: ClientBigInteger,
    salt: ClientBigInteger,
    callback: (error: unknown, key: Uint8Array) => void,
  ): void;
  generateHashDevice(deviceGroupKey: string, deviceKey: string, callback: (error: unknown) => void): void;
  getSaltDevices(): string;
  getVerifierDevices(): string;
  getRandomPassword(): string;
}
export const sdk = identity as unknown as {
  AuthenticationHelper: new (poolName: string) => ClientHelper;
  DateHelper: new () => { getNowString(): string };
};
export const ClientBigInteger = (
  new sdk.AuthenticationHelper("x").N as unknown as {
    constructor: new (hex: string, radix: number) => ClientBigInteger;
  }
).constructor;

export const POOL_NAME = "AbCdEf123";

export interface ClientAnswer {
  srpA: string;
  secretBlock: string;
  timestamp: string;
  signature: string;
}

/** What CognitoUser.authenticateUserDefaultAuth / getDeviceResponse do with the challenge parameters. */
export async function clientAnswers(input: {
  helper: ClientHelper;
  saltName: string;
  userId: string;
  password: string;
  srpB: string;
  saltHex: string;
  secretBlock: string;
}): Promise<ClientAnswer> {
  const { helper } = input;
  const a = await new Promise<ClientBigInteger>((resolve, reject) =>
    helper.getLargeAValue((error, value) => (error ? reject(error) : resolve(value))),
  );
  const key = await new Promise<Uint8Array>((resolve, reject) =>
    helper.getPasswordAuthenticationKey(
      input.userId,
      input.password,
      new ClientBigInteger(input.srpB, 16),
      new ClientBigInteger(input.saltHex, 16),
      (error, value) => (error ? reject(error) : resolve(value)),
    ),
  );
  const timestamp = new sdk.DateHelper().getNowString();
  const message = Buffer.concat([
    Buffer.from(input.saltName, "utf8"),
    Buffer.from(input.userId, "utf8"),
    Buffer.from(input.secretBlock, "base64"),
    Buffer.from(timestamp, "utf8"),
  ]);
  return {
    srpA: a.toString(16),
    secretBlock: input.secretBlock,
    timestamp,
    signature: createHmac("sha256", key).update(message).digest("base64"),
  };
}

/** One sign-in: the server stores a verifier for `storedPassword`, the client proves `typedPassword`. */
export async function userSignIn(storedPassword: string, typedPassword: string, userId = "alice") {
  const verifier = computeVerifier({
    poolName: POOL_NAME,
    userIdForSrp: userId,
    password: storedPassword,
    salt: randomBytes(16),
  });
  const session = startServerSession({ verifierHex: verifier.verifierHex, b: randomBytes(128) });
  const answer = await clientAnswers({
    helper: new sdk.AuthenticationHelper(POOL_NAME),
    saltName: POOL_NAME,
    userId,
    password: typedPassword,
    srpB: session.srpB,
    saltHex: verifier.saltHex,
    secretBlock: randomBytes(48).toString("base64"),
  });
  const proof = {
    state: session.state,
    poolName: POOL_NAME,
    userIdForSrp: userId,
    now: new Date(),
    ...answer,
  };
  return { proof, state: session.state };
}
