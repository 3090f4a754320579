import {
  EnableSoftwareTokenMFAException,
  InvalidParameterException,
  NotAuthorizedException,
  SoftwareTokenMFANotFoundException,
} from "../../domain/errors.js";
import { emptyMfaState, type UserMfaState } from "../../domain/mfa/user-mfa.js";
import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import { openAuthSessionOfAnyClient } from "../auth-flows/auth-session.js";
import type { SignInDependencies, SignInTarget } from "../auth-flows/sign-in.js";
import { requireSignedInUser } from "../users/signed-in-user.js";
import { INVALID_SESSION, type OpenedMfaChallenge, openMfaChallenge, sealMfaSession } from "./mfa-session.js";
import { issueRecoveryCodes } from "./recovery-codes.js";
import { matchingStep, newTotpSecret, TOTP_SECRET_PURPOSE } from "./totp.js";

// AssociateSoftwareToken and VerifySoftwareToken, for a signed-in user (AccessToken) or during sign-in
// (the Session of an MFA_SETUP challenge). Associate hands out a new secret, kept pending; Verify checks a
// code of it, installs it as the user's TOTP secret (sealed), turns SOFTWARE_TOKEN_MFA on, records the
// code's time-step as used, and issues ten recovery codes (docs/mfa.md).

export interface SoftwareTokenCaller {
  pool: UserPool;
  user: User;
  /** Present when authorised by an MFA_SETUP Session. */
  setup?: { target: SignInTarget; opened: OpenedMfaChallenge };
}

export async function resolveSoftwareTokenCaller(
  deps: SignInDependencies,
  input: { AccessToken?: string; Session?: string },
): Promise<SoftwareTokenCaller> {
  if (input.AccessToken) {
    const { user, pool } = await requireSignedInUser(deps, input.AccessToken);
    return { user, pool };
  }
  if (!input.Session) throw new InvalidParameterException("Either AccessToken or Session is required.");
  const state = openAuthSessionOfAnyClient(deps.secretBox, input.Session, {
    challenge: "MFA_SETUP",
    now: deps.clock.now(),
  });
  const pool = await deps.storage.userPools.findUserPool(state.poolId);
  const client = pool ? await deps.storage.userPoolClients.findClient(pool.id, state.clientId) : undefined;
  if (!pool || !client) throw new NotAuthorizedException(INVALID_SESSION);
  const target = { pool, client };
  const opened = await openMfaChallenge(deps, target, input.Session, "MFA_SETUP");
  return { pool, user: opened.user, setup: { target, opened } };
}

const setupSession = (deps: SignInDependencies, caller: SoftwareTokenCaller, verified: boolean) =>
  caller.setup
    ? sealMfaSession(
        deps,
        caller.setup.target,
        caller.user,
        "MFA_SETUP",
        caller.setup.opened.state.deviceKey ? { deviceKey: caller.setup.opened.state.deviceKey } : {},
        verified ? { verified: true } : {},
      )
    : undefined;

export async function associateSoftwareToken(
  deps: SignInDependencies,
  caller: SoftwareTokenCaller,
): Promise<{ SecretCode: string; Session?: string }> {
  const secret = newTotpSecret(deps.random);
  const now = deps.clock.now();
  const current =
    (await deps.storage.mfa.findMfa(caller.pool.id, caller.user.sub)) ??
    emptyMfaState(caller.pool.id, caller.user.sub, now);
  await deps.storage.mfa.saveMfa({
    ...current,
    totpPendingSecretSealed: deps.secretBox.seal(secret, TOTP_SECRET_PURPOSE),
    updatedAt: now,
  });
  const session = setupSession(deps, caller, false);
  return session ? { SecretCode: secret, Session: session } : { SecretCode: secret };
}

export interface VerifySoftwareTokenOutput {
  Status: "SUCCESS";
  Session?: string;
  /** Beyond Cognito: the new secret's ten one-time recovery codes, shown only here. */
  RecoveryCodes: string[];
}

export async function verifySoftwareToken(
  deps: SignInDependencies,
  caller: SoftwareTokenCaller,
  userCode: string,
  friendlyDeviceName: string | undefined,
): Promise<VerifySoftwareTokenOutput> {
  const now = deps.clock.now();
  const current = await deps.storage.mfa.findMfa(caller.pool.id, caller.user.sub);
  if (!current?.totpPendingSecretSealed) {
    throw new SoftwareTokenMFANotFoundException("Software Token MFA does not exist for the user.");
  }
  const secret = deps.secretBox.open(current.totpPendingSecretSealed, TOTP_SECRET_PURPOSE);
  const step = matchingStep(secret, userCode.trim(), now);
  if (step === undefined) {
    throw new EnableSoftwareTokenMFAException("Code mismatch and fail enable Software Token MFA");
  }
  const next: UserMfaState = {
    ...current,
    totpSecretSealed: current.totpPendingSecretSealed,
    totpPendingSecretSealed: null,
    totpDeviceName: friendlyDeviceName ?? null,
    totpLastStep: step,
    enabled: { ...current.enabled, SOFTWARE_TOKEN_MFA: true },
    updatedAt: now,
  };
  const recoveryCodes = await deps.storage.transaction(async (repositories) => {
    await repositories.mfa.saveMfa(next, { resetTotpStep: true });
    return issueRecoveryCodes({ ...deps, repositories }, caller.user, now);
  });
  const session = setupSession(deps, caller, true);
  return { Status: "SUCCESS", ...(session ? { Session: session } : {}), RecoveryCodes: recoveryCodes };
}
