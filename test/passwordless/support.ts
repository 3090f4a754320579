import {
  type CognitoIdentityProviderClient,
  type CompleteWebAuthnRegistrationCommandInput,
  type ExplicitAuthFlowsType,
  InitiateAuthCommand,
  SetUserPoolMfaConfigCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { CDPSession, Page } from "playwright-core";
import { createConfirmedUser, createPoolAndClient } from "../support/pool-setup.js";

// Shared by the passwordless suites: a pool that allows every first factor, with passkeys on RP id
// "localhost" (so a page served from http://localhost:<port> can create and use them), and browser
// helpers that run navigator.credentials.create/get against Chromium's virtual authenticator.

type Document = NonNullable<CompleteWebAuthnRegistrationCommandInput["Credential"]>;
/** RegistrationResponseJSON / AuthenticationResponseJSON, typed as the SDK's Document. */
export type PasskeyResponseJson = { id: string } & { [key: string]: Document };

export const USER_AUTH_FLOWS: ExplicitAuthFlowsType[] = [
  "ALLOW_USER_AUTH",
  "ALLOW_USER_SRP_AUTH",
  "ALLOW_USER_PASSWORD_AUTH",
  "ALLOW_ADMIN_USER_PASSWORD_AUTH",
  "ALLOW_REFRESH_TOKEN_AUTH",
];

export async function createPasswordlessPool(
  admin: CognitoIdentityProviderClient,
  options: {
    factors?: Array<"PASSWORD" | "EMAIL_OTP" | "SMS_OTP" | "WEB_AUTHN">;
    preventUserExistenceErrors?: boolean;
  } = {},
): Promise<{ userPoolId: string; clientId: string }> {
  const ids = await createPoolAndClient(
    admin,
    {
      AutoVerifiedAttributes: ["email"],
      Policies: {
        SignInPolicy: {
          AllowedFirstAuthFactors: options.factors ?? ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"],
        },
      },
    },
    {
      ExplicitAuthFlows: USER_AUTH_FLOWS,
      ...(options.preventUserExistenceErrors ? { PreventUserExistenceErrors: "ENABLED" } : {}),
    },
  );
  await admin.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: ids.userPoolId,
      WebAuthnConfiguration: { RelyingPartyId: "localhost", UserVerification: "required" },
    }),
  );
  return ids;
}

/** A confirmed user with a password and a verified email (and phone, when given); returns an access token. */
export async function signedInUser(
  admin: CognitoIdentityProviderClient,
  ids: { userPoolId: string; clientId: string },
  username: string,
  password: string,
  attributes: Array<{ Name: string; Value: string }> = [],
): Promise<string> {
  await createConfirmedUser(admin, ids, username, password, [
    { Name: "email", Value: `${username}@example.com` },
    { Name: "email_verified", Value: "true" },
    ...attributes,
  ]);
  const signedIn = await admin.send(
    new InitiateAuthCommand({
      ClientId: ids.clientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  const token = signedIn.AuthenticationResult?.AccessToken;
  if (!token) throw new Error("no access token");
  return token;
}

/** Chromium's virtual authenticator: a platform passkey provider that verifies the user. */
export async function addVirtualAuthenticator(
  page: Page,
): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

// The page side runs in Chromium; it is plain JavaScript source (the tests compile without the DOM lib).
const IN_PAGE_CODECS = `
  const decode = (text) => Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  const encode = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)))
    .replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, "");
  const descriptors = (list) => (list ?? []).map((item) => ({ ...item, id: decode(item.id) }));
`;

const CREATE = `async (options) => {
  ${IN_PAGE_CODECS}
  const credential = await navigator.credentials.create({
    publicKey: {
      ...options,
      challenge: decode(options.challenge),
      user: { ...options.user, id: decode(options.user.id) },
      excludeCredentials: descriptors(options.excludeCredentials),
    },
  });
  const response = credential.response;
  return {
    id: credential.id,
    rawId: encode(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment,
    clientExtensionResults: credential.getClientExtensionResults(),
    response: {
      clientDataJSON: encode(response.clientDataJSON),
      attestationObject: encode(response.attestationObject),
      transports: response.getTransports(),
    },
  };
}`;

const GET = `async (options) => {
  ${IN_PAGE_CODECS}
  const credential = await navigator.credentials.get({
    publicKey: { ...options, challenge: decode(options.challenge), allowCredentials: descriptors(options.allowCredentials) },
  });
  const response = credential.response;
  return {
    id: credential.id,
    rawId: encode(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment,
    clientExtensionResults: credential.getClientExtensionResults(),
    response: {
      clientDataJSON: encode(response.clientDataJSON),
      authenticatorData: encode(response.authenticatorData),
      signature: encode(response.signature),
      ...(response.userHandle ? { userHandle: encode(response.userHandle) } : {}),
    },
  };
}`;

/** navigator.credentials.create with Cognito's CredentialCreationOptions; RegistrationResponseJSON back. */
export async function createPasskeyInPage(page: Page, options: unknown): Promise<PasskeyResponseJson> {
  return (await page.evaluate(`(${CREATE})(${JSON.stringify(options)})`)) as PasskeyResponseJson;
}

/** navigator.credentials.get with CREDENTIAL_REQUEST_OPTIONS; AuthenticationResponseJSON back. */
export async function getPasskeyInPage(page: Page, options: unknown): Promise<PasskeyResponseJson> {
  return (await page.evaluate(`(${GET})(${JSON.stringify(options)})`)) as PasskeyResponseJson;
}
