import {
  InvalidParameterException,
  LimitExceededException,
  WebAuthnChallengeNotFoundException,
  WebAuthnClientMismatchException,
  WebAuthnCredentialNotSupportedException,
  WebAuthnOriginNotAllowedException,
  WebAuthnRelyingPartyMismatchException,
} from "../../domain/errors.js";
import {
  MAX_PASSKEYS_PER_USER,
  PASSKEY_CHALLENGE_TTL_MS,
  type Passkey,
  type PasskeyChallengePurpose,
} from "../../domain/passwordless/passkey.js";
import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { PasskeyCheckFailure } from "../../ports/passkey-verifier.js";
import type { JsonObject } from "../../shared/json.js";
import type { AppDependencies } from "../dependencies.js";
import { clientDataOf, relyingPartyOf, requireAllowedOrigin } from "./relying-party.js";

// Passkey registration for a signed-in user (StartWebAuthnRegistration / CompleteWebAuthnRegistration,
// and the hosted UI's passkey page). The challenge is random, stored only as a keyed hash bound to the
// user and the app client, and consumed by the first completion that presents it.

export type PasskeyDependencies = Pick<
  AppDependencies,
  "storage" | "clock" | "random" | "secretHasher" | "deployment" | "passkeyVerifier"
>;

/** Who registers: the signed-in user, in their pool, through the app client of their access token. */
export interface PasskeyOwner {
  pool: UserPool;
  user: User;
  clientId: string;
}

/** ES256, EdDSA and RS256, as Cognito offers them. */
const PUBLIC_KEY_ALGORITHMS = [-7, -8, -257];

export const hashPasskeyChallenge = (
  deps: Pick<AppDependencies, "secretHasher">,
  purpose: PasskeyChallengePurpose,
  challenge: string,
) => deps.secretHasher.hash(challenge, `webauthn-challenge:${purpose}`);

/** A fresh challenge (base64url), stored hashed for `owner` and `purpose`. */
export async function issuePasskeyChallenge(
  deps: Pick<PasskeyDependencies, "storage" | "clock" | "random" | "secretHasher">,
  owner: PasskeyOwner,
  purpose: PasskeyChallengePurpose,
): Promise<string> {
  const challenge = Buffer.from(deps.random.bytes(32)).toString("base64url");
  const now = deps.clock.now();
  await deps.storage.passkeys.saveChallenge({
    challengeHash: hashPasskeyChallenge(deps, purpose, challenge),
    userPoolId: owner.pool.id,
    sub: owner.user.sub,
    clientId: owner.clientId,
    purpose,
    createdAt: now,
    expiresAt: new Date(now.getTime() + PASSKEY_CHALLENGE_TTL_MS),
  });
  return challenge;
}

const tooManyPasskeys = () =>
  new LimitExceededException(`A user can register at most ${MAX_PASSKEYS_PER_USER} passkeys.`);

/** PublicKeyCredentialCreationOptionsJSON, the CredentialCreationOptions of StartWebAuthnRegistration. */
export async function startPasskeyRegistration(
  deps: PasskeyDependencies,
  owner: PasskeyOwner,
): Promise<JsonObject> {
  const rp = await relyingPartyOf(deps, owner.pool);
  const existing = await deps.storage.passkeys.listPasskeysOfUser(owner.pool.id, owner.user.sub, {
    limit: MAX_PASSKEYS_PER_USER,
  });
  if (existing.items.length >= MAX_PASSKEYS_PER_USER) throw tooManyPasskeys();
  const challenge = await issuePasskeyChallenge(deps, owner, "registration");
  const name = owner.user.username;
  return {
    challenge,
    rp: { id: rp.id, name: rp.name },
    // The user handle is the sub: a passkey sign-in can tell whose credential answered.
    user: { id: Buffer.from(owner.user.sub, "utf8").toString("base64url"), name, displayName: name },
    pubKeyCredParams: PUBLIC_KEY_ALGORITHMS.map((alg) => ({ type: "public-key", alg })),
    timeout: PASSKEY_CHALLENGE_TTL_MS,
    excludeCredentials: existing.items.map((passkey) => ({
      type: "public-key",
      id: passkey.credentialId,
      ...(passkey.transports.length > 0 ? { transports: passkey.transports } : {}),
    })),
    authenticatorSelection: {
      residentKey: "required",
      requireResidentKey: true,
      userVerification: rp.userVerification,
    },
    attestation: "none",
    extensions: { credProps: true },
  };
}

/** Cognito's exception for a failed WebAuthn check. */
export function passkeyCheckError(reason: PasskeyCheckFailure, rpId: string): Error {
  switch (reason) {
    case "origin":
      return new WebAuthnOriginNotAllowedException("The passkey origin is not allowed for this user pool.");
    case "relying-party":
      return new WebAuthnRelyingPartyMismatchException(
        `The passkey was not created for the relying party ${rpId}.`,
      );
    case "user-verification":
      return new WebAuthnCredentialNotSupportedException(
        "The user pool requires user verification, which the authenticator did not perform.",
      );
    default:
      return new WebAuthnCredentialNotSupportedException("The passkey credential could not be verified.");
  }
}

const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];

/** Verifies the authenticator's attestation and stores the new passkey. */
export async function completePasskeyRegistration(
  deps: PasskeyDependencies,
  owner: PasskeyOwner,
  credential: unknown,
): Promise<Passkey> {
  const rp = await relyingPartyOf(deps, owner.pool);
  const clientData = clientDataOf(credential, "Credential");
  if (clientData.type !== "webauthn.create") {
    throw new InvalidParameterException("Credential is not a registration (webauthn.create) response.");
  }
  const now = deps.clock.now();
  const taken = await deps.storage.passkeys.consumeChallenge({
    userPoolId: owner.pool.id,
    sub: owner.user.sub,
    purpose: "registration",
    challengeHash: hashPasskeyChallenge(deps, "registration", clientData.challenge),
    now,
  });
  if (!taken) {
    throw new WebAuthnChallengeNotFoundException(
      "The passkey registration challenge was not found or has expired; call StartWebAuthnRegistration again.",
    );
  }
  if (taken.clientId !== owner.clientId) {
    throw new WebAuthnClientMismatchException(
      "The access token is for a different app client than the one that started the registration.",
    );
  }
  const origin = requireAllowedOrigin(clientData, rp);
  const checked = await deps.passkeyVerifier.verifyRegistration(credential, {
    challenge: clientData.challenge,
    origins: [origin],
    rpId: rp.id,
    requireUserVerification: rp.userVerification === "required",
  });
  if (!checked.ok) throw passkeyCheckError(checked.reason, rp.id);

  const body = credential as { authenticatorAttachment?: unknown; response: { transports?: unknown } };
  const attachment = body.authenticatorAttachment;
  const passkey: Passkey = {
    userPoolId: owner.pool.id,
    sub: owner.user.sub,
    credentialId: checked.credential.credentialId,
    publicKey: checked.credential.publicKey,
    signCount: checked.credential.signCount,
    transports: stringList(body.response.transports),
    friendlyName: friendlyNameOf(attachment, now),
    relyingPartyId: rp.id,
    authenticatorAttachment: attachment === "platform" || attachment === "cross-platform" ? attachment : null,
    createdAt: now,
  };
  const outcome = await deps.storage.passkeys.insertPasskey(passkey, MAX_PASSKEYS_PER_USER);
  if (outcome === "limit-reached") throw tooManyPasskeys();
  if (outcome === "duplicate") {
    throw new InvalidParameterException("This passkey is already registered in the user pool.");
  }
  return passkey;
}

/** Cognito generates the friendly name; ours says what kind of authenticator and when. */
function friendlyNameOf(attachment: unknown, at: Date): string {
  const kind = attachment === "cross-platform" ? "Security key" : "Passkey";
  return `${kind} registered ${at.toISOString().slice(0, 10)}`;
}
