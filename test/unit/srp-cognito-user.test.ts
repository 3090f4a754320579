import { randomBytes, randomUUID } from "node:crypto";
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type ICognitoStorage,
} from "amazon-cognito-identity-js";
import { describe, expect, it } from "vitest";
import {
  createSrpEngine,
  deviceVerifierFromConfig,
  parseSrpA,
  type SrpProofCheck,
  type SrpServerState,
  type SrpVerifier,
} from "../../src/domain/auth/srp/index.js";
import { createOpenSslSrpPrimitives } from "../../src/integrations/crypto/modexp.js";

const { checkClientProof, checkDeviceProof, computeVerifier, fakeSrpUser, startServerSession } =
  createSrpEngine(createOpenSslSrpPrimitives());

// CognitoUser.authenticateUser runs unmodified; only its transport is replaced by a small in-memory
// server made of the SRP functions, so the client's own signature, device caching and challenge handling
// (authenticateUserDefaultAuth, getDeviceResponse, ConfirmDevice) are what get exercised.

const POOL_ID = "us-east-1_AbCdEf123";
const POOL_NAME = "AbCdEf123";
const CLIENT_ID = "1example23456789abcdefghij";
const SERVER_SECRET = randomBytes(32);

type Params = Record<string, unknown> & {
  AuthParameters?: Record<string, string>;
  ChallengeResponses?: Record<string, string>;
};
type Callback = (error: unknown, data?: unknown) => void;

interface PendingSrp {
  state: SrpServerState;
  srpA: string;
  secretBlock: string;
  userIdForSrp: string;
  deviceKey?: string;
}

function cognitoError(code: string, message: string) {
  return Object.assign(new Error(message), { code, name: code });
}

function fakeJwt(claims: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "none" })}.${part({ iat: now, exp: now + 3600, ...claims })}.sig`;
}

function fakeServer(options: { rememberDevices: boolean }) {
  const users = new Map<string, SrpVerifier & { userIdForSrp: string }>();
  const devices = new Map<string, SrpVerifier & { deviceGroupKey: string }>();
  const mintedGroupKeys = new Map<string, string>();
  const pending = new Map<string, PendingSrp>();
  const checks: string[] = [];
  const operations: string[] = [];

  const issue = (srp: PendingSrp) => {
    const session = randomBytes(24).toString("base64url");
    pending.set(session, srp);
    return session;
  };
  const take = (session: unknown) => {
    const srp = pending.get(String(session));
    pending.delete(String(session));
    if (!srp) throw cognitoError("NotAuthorizedException", "Invalid session for the user.");
    return srp;
  };
  const tokens = (userIdForSrp: string, newDevice: boolean) => {
    const result: Record<string, unknown> = {
      AccessToken: fakeJwt({ username: userIdForSrp, token_use: "access" }),
      IdToken: fakeJwt({ "cognito:username": userIdForSrp, token_use: "id" }),
      RefreshToken: "opaque-refresh",
      ExpiresIn: 3600,
      TokenType: "Bearer",
    };
    if (newDevice) {
      const metadata = {
        DeviceKey: `us-east-1_${randomUUID()}`,
        DeviceGroupKey: `-${randomBytes(6).toString("hex")}`,
      };
      mintedGroupKeys.set(metadata.DeviceKey, metadata.DeviceGroupKey);
      result.NewDeviceMetadata = metadata;
    }
    return { AuthenticationResult: result, ChallengeParameters: {} };
  };

  function handle(operation: string, params: Params): unknown {
    operations.push(operation);
    const auth = params.AuthParameters ?? {};
    const answers = params.ChallengeResponses ?? {};
    if (operation === "InitiateAuth") {
      const srpA = auth.SRP_A ?? "";
      if (parseSrpA(srpA) === undefined) throw cognitoError("InvalidParameterException", "Invalid SRP_A");
      const username = auth.USERNAME ?? "";
      const user =
        users.get(username) ?? fakeSrpUser({ serverSecret: SERVER_SECRET, poolId: POOL_ID, username });
      const { srpB, state } = startServerSession({ verifierHex: user.verifierHex, b: randomBytes(128) });
      const secretBlock = randomBytes(64).toString("base64");
      const userIdForSrp = user.userIdForSrp;
      return {
        ChallengeName: "PASSWORD_VERIFIER",
        Session: issue({ state, srpA, secretBlock, userIdForSrp }),
        ChallengeParameters: {
          SALT: user.saltHex,
          SRP_B: srpB,
          SECRET_BLOCK: secretBlock,
          USERNAME: userIdForSrp,
          USER_ID_FOR_SRP: userIdForSrp,
        },
      };
    }
    if (operation === "RespondToAuthChallenge" && params.ChallengeName === "DEVICE_SRP_AUTH") {
      const device = devices.get(answers.DEVICE_KEY ?? "");
      if (!device) throw cognitoError("ResourceNotFoundException", "Device does not exist.");
      const previous = take(params.Session);
      const { srpB, state } = startServerSession({ verifierHex: device.verifierHex, b: randomBytes(128) });
      const secretBlock = randomBytes(64).toString("base64");
      const srp = { state, srpA: answers.SRP_A ?? "", secretBlock, userIdForSrp: previous.userIdForSrp };
      return {
        ChallengeName: "DEVICE_PASSWORD_VERIFIER",
        Session: issue({ ...srp, deviceKey: answers.DEVICE_KEY }),
        ChallengeParameters: {
          SALT: device.saltHex,
          SRP_B: srpB,
          SECRET_BLOCK: secretBlock,
          USERNAME: srp.userIdForSrp,
        },
      };
    }
    if (operation === "RespondToAuthChallenge") {
      const srp = take(params.Session);
      if (answers.PASSWORD_CLAIM_SECRET_BLOCK !== srp.secretBlock) {
        throw cognitoError("NotAuthorizedException", "Incorrect username or password.");
      }
      const proof = {
        state: srp.state,
        srpA: srp.srpA,
        secretBlock: answers.PASSWORD_CLAIM_SECRET_BLOCK ?? "",
        timestamp: answers.TIMESTAMP ?? "",
        signature: answers.PASSWORD_CLAIM_SIGNATURE ?? "",
        now: new Date(),
      };
      const device = srp.deviceKey ? devices.get(srp.deviceKey) : undefined;
      const check: SrpProofCheck =
        params.ChallengeName === "DEVICE_PASSWORD_VERIFIER" && device && srp.deviceKey
          ? checkDeviceProof({ ...proof, deviceGroupKey: device.deviceGroupKey, deviceKey: srp.deviceKey })
          : checkClientProof({ ...proof, poolName: POOL_NAME, userIdForSrp: srp.userIdForSrp });
      checks.push(`${String(params.ChallengeName)}:${check}`);
      if (check !== "ok") throw cognitoError("NotAuthorizedException", "Incorrect username or password.");
      if (
        params.ChallengeName === "PASSWORD_VERIFIER" &&
        answers.DEVICE_KEY &&
        devices.has(answers.DEVICE_KEY)
      ) {
        return { ChallengeName: "DEVICE_SRP_AUTH", Session: issue(srp), ChallengeParameters: {} };
      }
      const isPassword = params.ChallengeName === "PASSWORD_VERIFIER";
      return tokens(srp.userIdForSrp, isPassword && options.rememberDevices);
    }
    if (operation === "ConfirmDevice") {
      const config = params.DeviceSecretVerifierConfig as { Salt: string; PasswordVerifier: string };
      const stored = deviceVerifierFromConfig({
        salt: config.Salt,
        passwordVerifier: config.PasswordVerifier,
      });
      if (!stored) throw cognitoError("InvalidParameterException", "Invalid device verifier.");
      const deviceGroupKey = mintedGroupKeys.get(String(params.DeviceKey));
      if (!deviceGroupKey) throw cognitoError("ResourceNotFoundException", "Device does not exist.");
      devices.set(String(params.DeviceKey), { ...stored, deviceGroupKey });
      return { UserConfirmationNecessary: false };
    }
    throw cognitoError("InvalidParameterException", `unexpected ${operation}`);
  }

  return {
    users,
    devices,
    checks,
    operations,
    transport: {
      request(operation: string, params: Params, callback: Callback) {
        let result: unknown;
        try {
          result = handle(operation, params);
        } catch (error) {
          callback(error);
          return;
        }
        callback(null, result);
      },
    },
  };
}

function memoryStorage(): ICognitoStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    setItem: (key, value) => void items.set(key, value),
    getItem: (key) => items.get(key) ?? null,
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

function signIn(
  server: ReturnType<typeof fakeServer>,
  storage: ICognitoStorage,
  username: string,
  password: string,
) {
  const pool = new CognitoUserPool({ UserPoolId: POOL_ID, ClientId: CLIENT_ID, Storage: storage });
  (pool as unknown as { client: unknown }).client = server.transport;
  const user = new CognitoUser({ Username: username, Pool: pool, Storage: storage });
  return new Promise<
    { ok: true; user: CognitoUser } | { ok: false; error: { code?: string; message: string } }
  >((resolve) => {
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: () => resolve({ ok: true, user }),
      onFailure: (error) => resolve({ ok: false, error }),
    });
  });
}

function addUser(server: ReturnType<typeof fakeServer>, alias: string, password: string) {
  const userIdForSrp = randomUUID();
  const verifier = computeVerifier({ poolName: POOL_NAME, userIdForSrp, password, salt: randomBytes(16) });
  server.users.set(alias, { ...verifier, userIdForSrp });
  return userIdForSrp;
}

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
