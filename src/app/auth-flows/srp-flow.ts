import { parseSrpA } from "../../domain/auth/srp/index.js";
import { InvalidParameterException, NotAuthorizedException } from "../../domain/errors.js";
import { usernameAttributes } from "../../domain/user/sign-in-identity.js";
import { runPreAuthentication } from "../triggers/pre-authentication.js";
import { constantTimeEqual } from "../user-pools/client-secrets.js";
import { SRP_VERIFIER_PURPOSE, srpPoolName } from "../users/passwords.js";
import { findUserByIdentifier } from "../users/user-directory.js";
import { hidesUserExistence } from "../users/user-existence.js";
import {
  type CustomAuthSession,
  openChallengeSession,
  sealAuthSession,
  sessionExpiry,
} from "./auth-session.js";
import { continueCustomAuthAfterSrp } from "./custom-auth-flow.js";
import {
  type AuthResponse,
  afterPasswordVerified,
  failSignIn,
  guardLockout,
  incorrectCredentials,
  recordFailure,
  refuseUserWithoutPassword,
  type SignInDependencies,
  type SignInOptions,
  type SignInTarget,
  unknownUserError,
} from "./sign-in.js";

// USER_SRP_AUTH (reference §4): InitiateAuth answers PASSWORD_VERIFIER with SALT, SRP_B, SECRET_BLOCK and
// USER_ID_FOR_SRP (the internal username, even when the user typed an alias); the proof comes back with
// RespondToAuthChallenge. An unknown user, when the client hides user existence, gets a simulated
// challenge that is stable per name and fails at the proof, exactly like a wrong password.
// Known users go through PreAuthentication first. CUSTOM_AUTH starting with SRP_A reuses this challenge
// (its session carries the custom history) and hands the proof's result back to DefineAuthChallenge.

const B_BYTES = 32;

function fakeServerSecret(deps: SignInDependencies): Uint8Array {
  return Buffer.from(deps.secretHasher.hash("fake-srp-user", "fake-srp-secret"), "base64url");
}

export async function startSrpSignIn(
  deps: SignInDependencies,
  target: SignInTarget,
  parameters: Record<string, string>,
  options: SignInOptions = {},
  custom?: CustomAuthSession,
): Promise<AuthResponse> {
  const typed = parameters.USERNAME;
  const srpA = parameters.SRP_A;
  if (!typed) throw new InvalidParameterException("Missing required parameter USERNAME");
  if (!srpA) throw new InvalidParameterException("Missing required parameter SRP_A");
  if (parseSrpA(srpA) === undefined)
    throw new InvalidParameterException("SRP_A is not a valid SRP public value.");

  const user = await findUserByIdentifier(deps.storage.users, target.pool, typed);
  if (user && !custom) {
    await runPreAuthentication(deps, {
      pool: target.pool,
      user,
      clientId: target.client.clientId,
      validationData: options.validationData,
    });
  }
  if (user) refuseUserWithoutPassword(user);
  let username: string;
  let saltHex: string;
  let verifierHex: string;
  if (user?.password?.srpSaltHex && user.password.srpVerifierSealed) {
    username = user.username;
    saltHex = user.password.srpSaltHex;
    verifierHex = deps.secretBox.open(user.password.srpVerifierSealed, SRP_VERIFIER_PURPOSE);
  } else {
    if (!user && !hidesUserExistence(target.client)) throw unknownUserError(target.client);
    const fake = deps.srp.fakeSrpUser({
      serverSecret: fakeServerSecret(deps),
      poolId: target.pool.id,
      username: typed,
    });
    // In pools with free-form usernames a UUID would give an unknown name away; echo what was typed.
    username = user
      ? user.username
      : usernameAttributes(target.pool.settings).length > 0
        ? fake.userIdForSrp
        : typed;
    saltHex = fake.saltHex;
    verifierHex = fake.verifierHex;
  }

  const b = deps.random.bytes(B_BYTES);
  const server = deps.srp.startServerSession({ verifierHex, b, srpA });
  const secretBlock = Buffer.from(deps.random.bytes(32)).toString("base64");
  const { scramblerHex } = server.state;
  const session = sealAuthSession(deps.secretBox, {
    poolId: target.pool.id,
    clientId: target.client.clientId,
    ...(user?.password?.srpVerifierSealed ? { sub: user.sub } : {}),
    username,
    challenge: "PASSWORD_VERIFIER",
    expiresAt: sessionExpiry(target.client.settings, deps.clock.now()),
    // The raw 32 bytes of b, not the engine's padHex form, which drops a leading zero byte and would then
    // be refused as too short (one sign-in in 256).
    srp: {
      privateBHex: Buffer.from(b).toString("hex"),
      srpA,
      secretBlock,
      ...(scramblerHex ? { scramblerHex } : {}),
    },
    ...(custom ? { custom } : {}),
    ...(options.deviceKey ? { deviceKey: options.deviceKey } : {}),
  });
  return {
    ChallengeName: "PASSWORD_VERIFIER",
    Session: session,
    ChallengeParameters: {
      SALT: saltHex,
      SECRET_BLOCK: secretBlock,
      SRP_B: server.srpB,
      USERNAME: username,
      USER_ID_FOR_SRP: username,
    },
  };
}

export async function respondToPasswordVerifier(
  deps: SignInDependencies,
  target: SignInTarget,
  session: string | undefined,
  responses: Record<string, string>,
  options: SignInOptions = {},
): Promise<AuthResponse> {
  const state = openChallengeSession(deps, target, session, "PASSWORD_VERIFIER");
  const srp = state.srp;
  const secretBlock = responses.PASSWORD_CLAIM_SECRET_BLOCK ?? "";
  if (!srp || !constantTimeEqual(secretBlock, srp.secretBlock)) {
    throw new NotAuthorizedException("Invalid session for the user.");
  }
  const user = state.sub ? await deps.storage.users.findUserBySub(target.pool.id, state.sub) : undefined;
  if (!user?.password?.srpVerifierSealed) throw incorrectCredentials();
  await guardLockout(deps, user);

  const verifierHex = deps.secretBox.open(user.password.srpVerifierSealed, SRP_VERIFIER_PURPOSE);
  const b = Buffer.from(srp.privateBHex, "hex");
  const proved = deps.srp.verifyClientProof({
    state: srp.scramblerHex
      ? deps.srp.resumeServerSession({ verifierHex, b, scramblerHex: srp.scramblerHex })
      : deps.srp.startServerSession({ verifierHex, b }).state,
    srpA: srp.srpA,
    secretBlock,
    timestamp: responses.TIMESTAMP ?? "",
    signature: responses.PASSWORD_CLAIM_SIGNATURE ?? "",
    now: deps.clock.now(),
    poolName: srpPoolName(target.pool.id),
    userIdForSrp: user.username,
  });
  if (state.custom) {
    if (!proved) await recordFailure(deps, user);
    return continueCustomAuthAfterSrp(deps, target, user, state.custom, proved, options);
  }
  if (!proved) return failSignIn(deps, user);
  // The client may name its device only now, once USER_ID_FOR_SRP told it whose device to load; a
  // DEVICE_KEY member here (even empty, as amazon-cognito-identity-js retries) overrides InitiateAuth's.
  const deviceKey = "DEVICE_KEY" in responses ? responses.DEVICE_KEY || undefined : state.deviceKey;
  return afterPasswordVerified(deps, target, user, deviceKey ? { ...options, deviceKey } : options);
}
