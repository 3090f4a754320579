import { randomBytes, randomUUID } from "node:crypto";
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type ICognitoStorage,
} from "amazon-cognito-identity-js";
import {
  createSrpEngine,
  deviceVerifierFromConfig,
  parseSrpA,
  type SrpProofCheck,
  type SrpServerState,
  type SrpVerifier,
} from "../../src/domain/auth/srp/index.js";
import { createOpenSslSrpPrimitives } from "../../src/integrations/crypto/modexp.js";

// A small in-memory Cognito made of the SRP functions, standing in for CognitoUser's transport, and the
// helpers that sign in through it.

const { checkClientProof, checkDeviceProof, computeVerifier, fakeSrpUser, startServerSession } =
  createSrpEngine(createOpenSslSrpPrimitives());

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

export function fakeServer(options: { rememberDevices: boolean }) {
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

export function memoryStorage(): ICognitoStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    setItem: (key, value) => void items.set(key, value),
    getItem: (key) => items.get(key) ?? null,
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

export function signIn(
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

export function addUser(server: ReturnType<typeof fakeServer>, alias: string, password: string) {
  const userIdForSrp = randomUUID();
  const verifier = computeVerifier({ poolName: POOL_NAME, userIdForSrp, password, salt: randomBytes(16) });
  server.users.set(alias, { ...verifier, userIdForSrp });
  return userIdForSrp;
}
