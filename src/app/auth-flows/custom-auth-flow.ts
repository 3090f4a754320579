import { InvalidParameterException, UserNotFoundException } from "../../domain/errors.js";
import type { User } from "../../domain/user/user.js";
import { runCreateAuthChallenge } from "../triggers/create-auth-challenge.js";
import { type CustomAuthContext, runDefineAuthChallenge } from "../triggers/define-auth-challenge.js";
import { runPreAuthentication } from "../triggers/pre-authentication.js";
import { eventUserAttributes } from "../triggers/trigger-event.js";
import { runVerifyAuthChallengeResponse } from "../triggers/verify-auth-challenge-response.js";
import { findUserByIdentifier } from "../users/user-directory.js";
import { hidesUserExistence } from "../users/user-existence.js";
import {
  type CustomAuthSession,
  openChallengeSession,
  sealAuthSession,
  sessionExpiry,
} from "./auth-session.js";
import {
  type AuthResponse,
  afterPasswordVerified,
  guardLockout,
  incorrectCredentials,
  recordFailure,
  type SignInDependencies,
  type SignInOptions,
  type SignInTarget,
} from "./sign-in.js";
import { startSrpSignIn } from "./srp-flow.js";

// CUSTOM_AUTH: DefineAuthChallenge referees a loop of challenges.
// - InitiateAuth(USERNAME [, CHALLENGE_NAME=SRP_A, SRP_A]): PreAuthentication for a known user, then
//   Define with the session [] (or [SRP_A: true] when the client starts with SRP).
// - Define says CUSTOM_CHALLENGE: CreateAuthChallenge; the client gets ChallengeName CUSTOM_CHALLENGE,
//   its publicChallengeParameters plus USERNAME, and a Session that seals the history and the
//   privateChallengeParameters (they never leave Cognate unencrypted).
// - Define says PASSWORD_VERIFIER (right after SRP_A): the SRP challenge; the proof's result is appended
//   to the history (a wrong proof as challengeResult false) and Define decides again.
// - RespondToAuthChallenge(CUSTOM_CHALLENGE, ANSWER): VerifyAuthChallengeResponse judges the answer; the
//   result (with challengeMetadata) is appended and Define decides again.
// - Define says issueTokens: the usual status gate, PostAuthentication, PreTokenGeneration, tokens.
//   failAuthentication: NotAuthorizedException "Incorrect username or password.".
// - An unknown user, when the client hides user existence, runs the same loop with userNotFound: true
//   and can never get tokens. Wrong answers count towards the lockout, so replaying a Session cannot be
//   used to guess a code without limit.

interface Participant {
  context: CustomAuthContext;
  user: User | undefined;
}

function requireCustomAuthTriggers(deps: SignInDependencies, target: SignInTarget): void {
  for (const trigger of [
    "DefineAuthChallenge",
    "CreateAuthChallenge",
    "VerifyAuthChallengeResponse",
  ] as const) {
    if (!deps.triggers.configured(target.pool, trigger)) {
      throw new InvalidParameterException("Custom auth lambda trigger is not configured for the user pool.");
    }
  }
}

function participant(
  target: SignInTarget,
  user: User | undefined,
  userName: string,
  clientMetadata: Record<string, string> | undefined,
): Participant {
  return {
    user,
    context: {
      pool: target.pool,
      clientId: target.client.clientId,
      userName: user?.username ?? userName,
      userAttributes: user ? eventUserAttributes(target.pool, user) : {},
      userNotFound: !user,
      clientMetadata,
    },
  };
}

async function decide(
  deps: SignInDependencies,
  target: SignInTarget,
  who: Participant,
  history: CustomAuthSession["history"],
  options: SignInOptions,
  srpA?: string,
): Promise<AuthResponse> {
  const decision = await runDefineAuthChallenge(deps, who.context, history);
  if (decision.kind === "fail") throw incorrectCredentials();
  if (decision.kind === "issue-tokens") {
    if (!who.user) throw incorrectCredentials();
    return afterPasswordVerified(deps, target, who.user, options);
  }
  if (decision.challengeName === "PASSWORD_VERIFIER") {
    if (!srpA) throw incorrectCredentials();
    return startSrpSignIn(deps, target, { USERNAME: who.context.userName, SRP_A: srpA }, options, {
      history,
    });
  }
  const created = await runCreateAuthChallenge(deps, who.context, history);
  const session = sealAuthSession(deps.secretBox, {
    poolId: target.pool.id,
    clientId: target.client.clientId,
    ...(who.user ? { sub: who.user.sub } : {}),
    username: who.context.userName,
    challenge: "CUSTOM_CHALLENGE",
    expiresAt: sessionExpiry(target.client.settings, deps.clock.now()),
    custom: {
      history,
      privateParameters: created.privateChallengeParameters,
      ...(created.challengeMetadata !== undefined ? { challengeMetadata: created.challengeMetadata } : {}),
    },
  });
  return {
    ChallengeName: "CUSTOM_CHALLENGE",
    Session: session,
    ChallengeParameters: { ...created.publicChallengeParameters, USERNAME: who.context.userName },
  };
}

/** InitiateAuth / AdminInitiateAuth with AuthFlow CUSTOM_AUTH. */
export async function startCustomAuth(
  deps: SignInDependencies,
  target: SignInTarget,
  parameters: Record<string, string>,
  options: SignInOptions = {},
): Promise<AuthResponse> {
  requireCustomAuthTriggers(deps, target);
  const typed = parameters.USERNAME;
  if (!typed) throw new InvalidParameterException("Missing required parameter USERNAME");
  const withSrp = parameters.CHALLENGE_NAME === "SRP_A";
  if (withSrp && !parameters.SRP_A) throw new InvalidParameterException("Missing required parameter SRP_A");
  const user = await findUserByIdentifier(deps.storage.users, target.pool, typed);
  if (!user && !hidesUserExistence(target.client)) throw new UserNotFoundException("User does not exist.");
  if (user) {
    await guardLockout(deps, user);
    await runPreAuthentication(deps, {
      pool: target.pool,
      user,
      clientId: target.client.clientId,
      validationData: options.validationData,
    });
  }
  // InitiateAuth's ClientMetadata reaches only PreSignUp, PreAuthentication and UserMigration.
  const who = participant(target, user, typed, undefined);
  const history = withSrp ? [{ challengeName: "SRP_A", challengeResult: true }] : [];
  return decide(deps, target, who, history, options, parameters.SRP_A);
}

/** RespondToAuthChallenge with CUSTOM_CHALLENGE and ANSWER. */
export async function respondToCustomChallenge(
  deps: SignInDependencies,
  target: SignInTarget,
  session: string | undefined,
  responses: Record<string, string>,
  options: SignInOptions = {},
): Promise<AuthResponse> {
  const state = openChallengeSession(deps, target, session, "CUSTOM_CHALLENGE");
  const answer = responses.ANSWER;
  if (answer === undefined) throw new InvalidParameterException("Missing required parameter ANSWER");
  const custom = state.custom ?? { history: [] };
  const user = state.sub ? await deps.storage.users.findUserBySub(target.pool.id, state.sub) : undefined;
  if (state.sub && !user) throw incorrectCredentials();
  if (user) await guardLockout(deps, user);
  const who = participant(target, user, state.username, options.clientMetadata);
  const correct = await runVerifyAuthChallengeResponse(
    deps,
    who.context,
    custom.privateParameters ?? {},
    answer,
  );
  if (!correct && user) await recordFailure(deps, user);
  const history = [
    ...custom.history,
    {
      challengeName: "CUSTOM_CHALLENGE",
      challengeResult: correct,
      ...(custom.challengeMetadata !== undefined ? { challengeMetadata: custom.challengeMetadata } : {}),
    },
  ];
  return decide(deps, target, who, history, options);
}

/** The PASSWORD_VERIFIER step of a CUSTOM_AUTH that started with SRP_A: Define hears how it went. */
export async function continueCustomAuthAfterSrp(
  deps: SignInDependencies,
  target: SignInTarget,
  user: User,
  custom: CustomAuthSession,
  proved: boolean,
  options: SignInOptions,
): Promise<AuthResponse> {
  const who = participant(target, user, user.username, options.clientMetadata);
  const history = [...custom.history, { challengeName: "PASSWORD_VERIFIER", challengeResult: proved }];
  return decide(deps, target, who, history, options);
}
