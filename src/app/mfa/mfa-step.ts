import {
  CodeMismatchException,
  ExpiredCodeException,
  InvalidParameterException,
  NotAuthorizedException,
  SoftwareTokenMFANotFoundException,
} from "../../domain/errors.js";
import { decideMfa } from "../../domain/mfa/mfa-policy.js";
import { isMfaFactor, type MfaFactor } from "../../domain/mfa/user-mfa.js";
import type { User } from "../../domain/user/user.js";
import {
  type AuthResponse,
  issueSignInTokens,
  type SignInDependencies,
  type SignInOptions,
  type SignInTarget,
} from "../auth-flows/sign-in.js";
import type { TokenGenerationSource } from "../triggers/pre-token-generation.js";
import {
  carriedOptions,
  closeMfaChallenge,
  failMfaCode,
  INVALID_SESSION,
  openMfaChallenge,
  reserveMfaAttempt,
  sealMfaSession,
} from "./mfa-session.js";
import { CODE_MISMATCH, startCodeChallenge } from "./otp-challenge.js";
import { hashRecoveryCode, looksLikeRecoveryCode } from "./recovery-codes.js";
import { matchingStep, TOTP_SECRET_PURPOSE } from "./totp.js";

// The MFA step of a sign-in, after the password (mfa-policy.ts decides which challenge), and the
// answers to SOFTWARE_TOKEN_MFA, SELECT_MFA_TYPE and MFA_SETUP. Code challenges are in otp-challenge.ts.

export const TOTP_REPLAYED = "Your software token has already been used once.";

/** Starts the challenge for `factor` (sends the code for SMS and email). */
export async function startMfaChallenge(
  deps: SignInDependencies,
  target: SignInTarget,
  user: User,
  factor: MfaFactor,
  options: SignInOptions,
): Promise<AuthResponse> {
  if (factor === "SMS_MFA")
    return startCodeChallenge(deps, target, user, { channel: "sms", firstFactor: false }, options);
  if (factor === "EMAIL_OTP") {
    return startCodeChallenge(deps, target, user, { channel: "email", firstFactor: false }, options);
  }
  const state = await deps.storage.mfa.findMfa(target.pool.id, user.sub);
  return {
    ChallengeName: "SOFTWARE_TOKEN_MFA",
    Session: sealMfaSession(deps, target, user, "SOFTWARE_TOKEN_MFA", options),
    ChallengeParameters: {
      ...(state?.totpDeviceName ? { FRIENDLY_DEVICE_NAME: state.totpDeviceName } : {}),
      USER_ID_FOR_SRP: user.username,
    },
  };
}

/** The contract with the sign-in pipeline: an MFA challenge when one is due, else the tokens. */
export async function mfaStepOrTokens(
  deps: SignInDependencies,
  target: SignInTarget,
  user: User,
  options: SignInOptions = {},
  source?: TokenGenerationSource,
): Promise<AuthResponse> {
  const state = await deps.storage.mfa.findMfa(target.pool.id, user.sub);
  const decision = decideMfa(target.pool.settings, user.attributes, state);
  switch (decision.kind) {
    case "none":
      return issueSignInTokens(deps, target, user, options, source);
    case "challenge":
      return startMfaChallenge(deps, target, user, decision.factor, options);
    case "select":
      return {
        ChallengeName: "SELECT_MFA_TYPE",
        Session: sealMfaSession(deps, target, user, "SELECT_MFA_TYPE", options, {
          choices: decision.factors.join(","),
        }),
        ChallengeParameters: {
          MFAS_CAN_CHOOSE: JSON.stringify(decision.factors),
          USER_ID_FOR_SRP: user.username,
        },
      };
    case "setup":
      return {
        ChallengeName: "MFA_SETUP",
        Session: sealMfaSession(deps, target, user, "MFA_SETUP", options),
        ChallengeParameters: {
          MFAS_CAN_SETUP: JSON.stringify(decision.factors),
          USER_ID_FOR_SRP: user.username,
        },
      };
  }
}

/** SELECT_MFA_TYPE: ANSWER names one of MFAS_CAN_CHOOSE; that factor's challenge follows. */
export async function respondToSelectMfaType(
  deps: SignInDependencies,
  target: SignInTarget,
  session: string | undefined,
  responses: Record<string, string>,
  options: SignInOptions = {},
): Promise<AuthResponse> {
  const answer = responses.ANSWER;
  if (!answer) throw new InvalidParameterException("Missing required parameter ANSWER");
  const opened = await openMfaChallenge(deps, target, session, "SELECT_MFA_TYPE");
  const choices = String(opened.state.mfa?.choices ?? "").split(",");
  if (!isMfaFactor(answer) || !choices.includes(answer)) {
    throw new InvalidParameterException(`Invalid ANSWER ${answer}; expected one of ${choices.join(", ")}`);
  }
  await closeMfaChallenge(deps, opened);
  return startMfaChallenge(deps, target, opened.user, answer, carriedOptions(options, opened.state));
}

/**
 * SOFTWARE_TOKEN_MFA: a TOTP code of the current step ±1, each step accepted once (the atomic
 * acceptTotpStep), or one of the user's unused recovery codes.
 */
export async function respondToSoftwareTokenMfa(
  deps: SignInDependencies,
  target: SignInTarget,
  session: string | undefined,
  responses: Record<string, string>,
  options: SignInOptions = {},
): Promise<AuthResponse> {
  const code = responses.SOFTWARE_TOKEN_MFA_CODE;
  if (!code) throw new InvalidParameterException("Missing required parameter SOFTWARE_TOKEN_MFA_CODE");
  const opened = await openMfaChallenge(deps, target, session, "SOFTWARE_TOKEN_MFA");
  const { user } = opened;
  const state = await deps.storage.mfa.findMfa(target.pool.id, user.sub);
  if (!state?.totpSecretSealed || !state.enabled.SOFTWARE_TOKEN_MFA) {
    throw new SoftwareTokenMFANotFoundException("Software Token MFA does not exist for the user.");
  }
  await reserveMfaAttempt(deps, opened);
  if (looksLikeRecoveryCode(code)) {
    const hash = hashRecoveryCode(deps.secretHasher, user, code);
    if (!(await deps.storage.mfa.consumeRecoveryCode(target.pool.id, user.sub, hash))) {
      return failMfaCode(deps, opened, new CodeMismatchException(CODE_MISMATCH));
    }
  } else {
    const secret = deps.secretBox.open(state.totpSecretSealed, TOTP_SECRET_PURPOSE);
    const step = matchingStep(secret, code.trim(), deps.clock.now());
    if (step === undefined) return failMfaCode(deps, opened, new CodeMismatchException(CODE_MISMATCH));
    if (!(await deps.storage.mfa.acceptTotpStep(target.pool.id, user.sub, step))) {
      return failMfaCode(deps, opened, new ExpiredCodeException(TOTP_REPLAYED));
    }
  }
  await closeMfaChallenge(deps, opened);
  return issueSignInTokens(deps, target, user, carriedOptions(options, opened.state));
}

/** MFA_SETUP: answered with the Session VerifySoftwareToken returned once the new TOTP checked out. */
export async function respondToMfaSetup(
  deps: SignInDependencies,
  target: SignInTarget,
  session: string | undefined,
  _responses: Record<string, string>,
  options: SignInOptions = {},
): Promise<AuthResponse> {
  const opened = await openMfaChallenge(deps, target, session, "MFA_SETUP");
  if (opened.state.mfa?.verified !== true) throw new NotAuthorizedException(INVALID_SESSION);
  await closeMfaChallenge(deps, opened);
  return issueSignInTokens(deps, target, opened.user, carriedOptions(options, opened.state));
}
