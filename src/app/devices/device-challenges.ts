import { parseSrpA } from "../../domain/auth/srp/index.js";
import { DEVICE_VERIFIER_PURPOSE } from "../../domain/device/device.js";
import {
  InvalidParameterException,
  NotAuthorizedException,
  ResourceNotFoundException,
} from "../../domain/errors.js";
import {
  compactHex,
  expandHex,
  openChallengeSession,
  sealAuthSession,
  sessionExpiry,
} from "../auth-flows/auth-session.js";
import {
  type AuthResponse,
  failSignIn,
  guardLockout,
  incorrectCredentials,
  issueSignInTokens,
  type SignInDependencies,
  type SignInOptions,
  type SignInTarget,
} from "../auth-flows/sign-in.js";
import { constantTimeEqual } from "../user-pools/client-secrets.js";

// DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER (reference §4): the same SRP as the password, with the device
// group key in place of the pool name, the device key in place of the username, and the verifier the
// client registered with ConfirmDevice. The client answers DEVICE_SRP_AUTH with USERNAME, DEVICE_KEY and
// SRP_A, gets SALT, SRP_B and SECRET_BLOCK, and proves the key with PASSWORD_CLAIM_SIGNATURE. A proved
// device leads to tokens bound to it (PreTokenGeneration source TokenGeneration_AuthenticateDevice);
// a wrong proof counts towards the user's lockout like a wrong password.

const B_BYTES = 32;
const invalidSession = () => new NotAuthorizedException("Invalid session for the user.");
const deviceNotFound = () => new ResourceNotFoundException("Device does not exist.");

function requireDeviceKey(responses: Record<string, string>, expected: string | undefined): string {
  const deviceKey = responses.DEVICE_KEY;
  if (!deviceKey) throw new InvalidParameterException("Missing required parameter DEVICE_KEY");
  if (deviceKey !== expected) throw invalidSession();
  return deviceKey;
}

export async function respondToDeviceSrpAuth(
  deps: SignInDependencies,
  target: SignInTarget,
  session: string | undefined,
  responses: Record<string, string>,
): Promise<AuthResponse> {
  const state = openChallengeSession(deps, target, session, "DEVICE_SRP_AUTH");
  const deviceKey = requireDeviceKey(responses, state.deviceKey);
  const srpA = responses.SRP_A;
  if (!srpA) throw new InvalidParameterException("Missing required parameter SRP_A");
  if (parseSrpA(srpA) === undefined)
    throw new InvalidParameterException("SRP_A is not a valid SRP public value.");
  const user = state.sub ? await deps.storage.users.findUserBySub(target.pool.id, state.sub) : undefined;
  if (!user) throw incorrectCredentials();
  const device = await deps.storage.devices.findDevice(target.pool.id, user.sub, deviceKey);
  if (!device) throw deviceNotFound();

  const b = deps.random.bytes(B_BYTES);
  const verifierHex = deps.secretBox.open(device.verifierSealed, DEVICE_VERIFIER_PURPOSE);
  const server = deps.srp.startServerSession({ verifierHex, b, srpA });
  const secretBlock = Buffer.from(deps.random.bytes(32)).toString("base64");
  const { scramblerHex } = server.state;
  const next = sealAuthSession(deps.secretBox, {
    poolId: target.pool.id,
    clientId: target.client.clientId,
    sub: user.sub,
    username: user.username,
    challenge: "DEVICE_PASSWORD_VERIFIER",
    expiresAt: sessionExpiry(target.client.settings, deps.clock.now()),
    deviceKey,
    // SRP_A compacted to base64 (it can be 768 hex digits) so the Session stays well under 2048 chars.
    device: {
      privateBHex: Buffer.from(b).toString("hex"),
      srpA: compactHex(srpA),
      secretBlock,
      ...(scramblerHex ? { scramblerHex: compactHex(scramblerHex) } : {}),
    },
  });
  return {
    ChallengeName: "DEVICE_PASSWORD_VERIFIER",
    Session: next,
    ChallengeParameters: {
      DEVICE_KEY: deviceKey,
      SALT: device.saltHex,
      SECRET_BLOCK: secretBlock,
      SRP_B: server.srpB,
      USERNAME: user.username,
    },
  };
}

export async function respondToDevicePasswordVerifier(
  deps: SignInDependencies,
  target: SignInTarget,
  session: string | undefined,
  responses: Record<string, string>,
  options: SignInOptions = {},
): Promise<AuthResponse> {
  const state = openChallengeSession(deps, target, session, "DEVICE_PASSWORD_VERIFIER");
  const deviceKey = requireDeviceKey(responses, state.deviceKey);
  const srp = state.device;
  const secretBlock = responses.PASSWORD_CLAIM_SECRET_BLOCK ?? "";
  if (
    !srp ||
    typeof srp.secretBlock !== "string" ||
    typeof srp.privateBHex !== "string" ||
    typeof srp.srpA !== "string" ||
    !constantTimeEqual(secretBlock, srp.secretBlock)
  )
    throw invalidSession();
  const user = state.sub ? await deps.storage.users.findUserBySub(target.pool.id, state.sub) : undefined;
  if (!user) throw incorrectCredentials();
  await guardLockout(deps, user);
  if (!user.enabled) throw new NotAuthorizedException("User is disabled.");
  const device = await deps.storage.devices.findDevice(target.pool.id, user.sub, deviceKey);
  if (!device) throw deviceNotFound();

  const verifierHex = deps.secretBox.open(device.verifierSealed, DEVICE_VERIFIER_PURPOSE);
  const b = Buffer.from(srp.privateBHex, "hex");
  const proved = deps.srp.verifyDeviceProof({
    state:
      typeof srp.scramblerHex === "string"
        ? deps.srp.resumeServerSession({ verifierHex, b, scramblerHex: expandHex(srp.scramblerHex) })
        : deps.srp.startServerSession({ verifierHex, b }).state,
    srpA: expandHex(srp.srpA),
    secretBlock,
    timestamp: responses.TIMESTAMP ?? "",
    signature: responses.PASSWORD_CLAIM_SIGNATURE ?? "",
    now: deps.clock.now(),
    deviceGroupKey: device.deviceGroupKey,
    deviceKey,
  });
  if (!proved) return failSignIn(deps, user);
  await deps.storage.devices.recordDeviceSignIn(
    target.pool.id,
    user.sub,
    deviceKey,
    deps.clock.now(),
    options.sourceIp,
  );
  return issueSignInTokens(
    deps,
    target,
    user,
    { ...options, deviceKey, deviceAuthenticated: true },
    "TokenGeneration_AuthenticateDevice",
  );
}
