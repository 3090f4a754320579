import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from "amazon-cognito-identity-js";

// amazon-cognito-identity-js's callback API as promises. Each step resolves with what the library called:
// onSuccess (a session), customChallenge (its parameters) or onFailure (rejects).

export type Step =
  | { kind: "success"; session: CognitoUserSession }
  | { kind: "custom-challenge"; parameters: Record<string, string> };

export function identityJsUser(
  url: string,
  userPoolId: string,
  clientId: string,
  username: string,
): CognitoUser {
  const pool = new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId, endpoint: `${url}/` });
  return new CognitoUser({ Username: username, Pool: pool });
}

function callbacks(resolve: (step: Step) => void, reject: (error: unknown) => void) {
  return {
    onSuccess: (session: CognitoUserSession) => resolve({ kind: "success", session }),
    onFailure: reject,
    customChallenge: (parameters: Record<string, string>) =>
      resolve({ kind: "custom-challenge", parameters }),
  };
}

/** CUSTOM_AUTH without a password: initiateAuth. */
export function initiateCustomAuth(user: CognitoUser, metadata?: Record<string, string>): Promise<Step> {
  user.setAuthenticationFlowType("CUSTOM_AUTH");
  const details = new AuthenticationDetails({
    Username: user.getUsername(),
    ...(metadata ? { ClientMetadata: metadata } : {}),
  });
  return new Promise((resolve, reject) => user.initiateAuth(details, callbacks(resolve, reject)));
}

/** CUSTOM_AUTH starting with SRP (authenticateUser with the CUSTOM_AUTH flow type). */
export function customAuthWithSrp(user: CognitoUser, password: string): Promise<Step> {
  user.setAuthenticationFlowType("CUSTOM_AUTH");
  const details = new AuthenticationDetails({ Username: user.getUsername(), Password: password });
  return new Promise((resolve, reject) => user.authenticateUser(details, callbacks(resolve, reject)));
}

export function answerCustomChallenge(
  user: CognitoUser,
  answer: string,
  metadata?: Record<string, string>,
): Promise<Step> {
  return new Promise((resolve, reject) =>
    user.sendCustomChallengeAnswer(answer, callbacks(resolve, reject), metadata),
  );
}

/** USER_SRP_AUTH sign-in. */
export function srpSignIn(user: CognitoUser, password: string): Promise<CognitoUserSession> {
  user.setAuthenticationFlowType("USER_SRP_AUTH");
  const details = new AuthenticationDetails({ Username: user.getUsername(), Password: password });
  return new Promise((resolve, reject) =>
    user.authenticateUser(details, { onSuccess: resolve, onFailure: reject }),
  );
}

/** The payload of a JWT, without checking it (the tokens tests check signatures). */
// biome-ignore lint/suspicious/noExplicitAny: claims are asserted one by one.
export function claimsOf(token: string | undefined): Record<string, any> {
  const payload = (token ?? "").split(".")[1] ?? "";
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
}
