import {
  CodeMismatchException,
  InvalidParameterException,
  LimitExceededException,
} from "../../domain/errors.js";
import type { DeliveryDestination } from "../../domain/messages/delivery-destination.js";
import type { CodePurpose } from "../../domain/user/one-time-code.js";
import type { User } from "../../domain/user/user.js";
import {
  type AuthResponse,
  issueSignInTokens,
  type SignInDependencies,
  type SignInOptions,
  type SignInTarget,
} from "../auth-flows/sign-in.js";
import {
  carriedOptions,
  closeMfaChallenge,
  failMfaCode,
  openMfaChallenge,
  releaseMfaAttempt,
  reserveMfaAttempt,
  sealMfaSession,
} from "./mfa-session.js";

// Code challenges sent by email or SMS: SMS_MFA and EMAIL_OTP as a second factor, SMS_OTP and EMAIL_OTP
// as a passwordless first factor (USER_AUTH). Codes are six digits, live 3 minutes, and are stored only as
// hashes (users/codes.ts). A wrong code is CodeMismatchException and counts against the Session, the
// daily cap and the lockout (mfa-session.ts); an expired one is ExpiredCodeException.

export type CodeChannel = "email" | "sms";
export type CodeChallengeName = "SMS_MFA" | "EMAIL_OTP" | "SMS_OTP";

const RESPONSE_KEY: Record<CodeChallengeName, string> = {
  SMS_MFA: "SMS_MFA_CODE",
  EMAIL_OTP: "EMAIL_OTP_CODE",
  SMS_OTP: "SMS_OTP_CODE",
};

export const CODE_MISMATCH = "Invalid code or auth state for the user.";

function codePurpose(channel: CodeChannel, firstFactor: boolean): CodePurpose {
  if (firstFactor) return channel === "email" ? "sign-in-email" : "sign-in-sms";
  return channel === "email" ? "mfa-email" : "mfa-sms";
}

function destinationOf(user: User, channel: CodeChannel): DeliveryDestination {
  const address = channel === "email" ? user.attributes.email : user.attributes.phone_number;
  if (!address) {
    throw new InvalidParameterException(
      channel === "email"
        ? "User does not have delivery config set to turn on EMAIL_OTP"
        : "User does not have delivery config set to turn on SMS_MFA",
    );
  }
  return channel === "email"
    ? { medium: "EMAIL", attributeName: "email", destination: address }
    : { medium: "SMS", attributeName: "phone_number", destination: address };
}

/** Sends a code and answers with the challenge (EMAIL_OTP, SMS_MFA, or SMS_OTP when a first factor). */
export async function startCodeChallenge(
  deps: SignInDependencies,
  target: SignInTarget,
  user: User,
  how: { channel: CodeChannel; firstFactor: boolean },
  options: SignInOptions = {},
): Promise<AuthResponse> {
  const destination = destinationOf(user, how.channel);
  const code = await deps.codes.issue(
    deps.storage,
    target.pool,
    user,
    codePurpose(how.channel, how.firstFactor),
  );
  const details = await deps.codes.deliver({
    pool: target.pool,
    user,
    kind: "Authentication",
    code,
    destination,
    clientId: target.client.clientId,
    ...(options.clientMetadata ? { clientMetadata: options.clientMetadata } : {}),
  });
  const challenge: CodeChallengeName =
    how.channel === "email" ? "EMAIL_OTP" : how.firstFactor ? "SMS_OTP" : "SMS_MFA";
  return {
    ChallengeName: challenge,
    Session: sealMfaSession(deps, target, user, challenge, options, {
      channel: how.channel,
      firstFactor: how.firstFactor,
    }),
    ChallengeParameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: details.DeliveryMedium,
      CODE_DELIVERY_DESTINATION: details.Destination,
    },
  };
}

/**
 * Checks the code of an SMS_MFA, EMAIL_OTP or SMS_OTP challenge. A right code ends the sign-in: tokens
 * (after a password this was the second factor; a passwordless code is the only one).
 */
export async function respondToCodeChallenge(
  deps: SignInDependencies,
  target: SignInTarget,
  challenge: CodeChallengeName,
  session: string | undefined,
  responses: Record<string, string>,
  options: SignInOptions = {},
): Promise<AuthResponse> {
  const key = RESPONSE_KEY[challenge];
  const code = responses[key];
  if (!code) throw new InvalidParameterException(`Missing required parameter ${key}`);
  const opened = await openMfaChallenge(deps, target, session, challenge);
  const channel: CodeChannel = opened.state.mfa?.channel === "sms" ? "sms" : "email";
  const firstFactor = opened.state.mfa?.firstFactor === true;
  await reserveMfaAttempt(deps, opened);
  try {
    await deps.codes.consume(deps.storage, target.pool, opened.user, codePurpose(channel, firstFactor), code);
  } catch (error) {
    if (error instanceof CodeMismatchException) {
      return failMfaCode(deps, opened, new CodeMismatchException(CODE_MISMATCH));
    }
    if (error instanceof LimitExceededException) return failMfaCode(deps, opened, error);
    // Expired or missing: no code was tested, so the attempt is given back.
    await releaseMfaAttempt(deps, opened);
    throw error;
  }
  await closeMfaChallenge(deps, opened);
  return issueSignInTokens(deps, target, opened.user, carriedOptions(options, opened.state));
}
