import { InvalidParameterException } from "../../domain/errors.js";
import { MAX_PASSKEYS_PER_USER, PASSKEY_CHALLENGE_TTL_MS } from "../../domain/passwordless/passkey.js";
import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { JsonObject } from "../../shared/json.js";
import {
  hashPasskeyChallenge,
  issuePasskeyChallenge,
  type PasskeyDependencies,
  type PasskeyOwner,
  passkeyCheckError,
} from "./passkey-registration.js";
import { clientDataOf, type RelyingParty, relyingPartyOf, requireAllowedOrigin } from "./relying-party.js";

// Passkey sign-in (the WEB_AUTHN challenge of USER_AUTH, and the hosted UI's passkey sign-in): options
// listing the user's passkeys for the pool's relying party, and the check of the assertion that comes
// back. The challenge is single-use and bound to the user and app client, like registration's.

/** The user's passkeys for the RP id in force (a passkey of a former RP id can no longer sign in). */
export async function passkeysForSignIn(
  deps: PasskeyDependencies,
  pool: UserPool,
  user: User,
  rp: RelyingParty,
) {
  const page = await deps.storage.passkeys.listPasskeysOfUser(pool.id, user.sub, {
    limit: MAX_PASSKEYS_PER_USER,
  });
  return page.items.filter((passkey) => passkey.relyingPartyId === rp.id);
}

/** PublicKeyCredentialRequestOptionsJSON: what Cognito sends as CREDENTIAL_REQUEST_OPTIONS. */
export async function startPasskeySignIn(
  deps: PasskeyDependencies,
  owner: PasskeyOwner,
): Promise<JsonObject> {
  const rp = await relyingPartyOf(deps, owner.pool);
  const passkeys = await passkeysForSignIn(deps, owner.pool, owner.user, rp);
  const challenge = await issuePasskeyChallenge(deps, owner, "sign-in");
  return requestOptions(
    rp,
    challenge,
    passkeys.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
  );
}

/** The same shape for a user who does not exist (PreventUserExistenceErrors): one stable fake passkey. */
export async function simulatedPasskeySignIn(
  deps: PasskeyDependencies,
  pool: UserPool,
  typedName: string,
): Promise<JsonObject> {
  const rp = await relyingPartyOf(deps, pool);
  const fakeId = deps.secretHasher.hash(`${pool.id}\u0000${typedName}`, "fake-passkey-id");
  const challenge = Buffer.from(deps.random.bytes(32)).toString("base64url");
  return requestOptions(rp, challenge, [{ id: fakeId, transports: ["internal", "hybrid"] }]);
}

function requestOptions(
  rp: RelyingParty,
  challenge: string,
  credentials: Array<{ id: string; transports: string[] }>,
): JsonObject {
  return {
    challenge,
    rpId: rp.id,
    timeout: PASSKEY_CHALLENGE_TTL_MS,
    allowCredentials: credentials.map((credential) => ({
      type: "public-key",
      id: credential.id,
      ...(credential.transports.length > 0 ? { transports: credential.transports } : {}),
    })),
    userVerification: rp.userVerification,
  };
}

/**
 * Checks a WEB_AUTHN answer (AuthenticationResponseJSON) for `owner`: a passkey of theirs, a live
 * challenge issued to them through this client, an allowed origin, a valid signature and a sign count
 * that moved forward. Throws Cognito's exception for the first check that fails.
 */
export async function verifyPasskeySignIn(
  deps: PasskeyDependencies,
  owner: PasskeyOwner,
  credential: unknown,
): Promise<void> {
  const rp = await relyingPartyOf(deps, owner.pool);
  const clientData = clientDataOf(credential, "CREDENTIAL");
  if (clientData.type !== "webauthn.get") {
    throw new InvalidParameterException("CREDENTIAL is not an authentication (webauthn.get) response.");
  }
  const taken = await deps.storage.passkeys.consumeChallenge({
    userPoolId: owner.pool.id,
    sub: owner.user.sub,
    purpose: "sign-in",
    challengeHash: hashPasskeyChallenge(deps, "sign-in", clientData.challenge),
    now: deps.clock.now(),
  });
  if (!taken || taken.clientId !== owner.clientId) throw new PasskeySignInFailed();
  const id = (credential as { id?: unknown }).id;
  const passkey =
    typeof id === "string" ? await deps.storage.passkeys.findPasskey(owner.pool.id, id) : undefined;
  if (!passkey || passkey.sub !== owner.user.sub || passkey.relyingPartyId !== rp.id)
    throw new PasskeySignInFailed();
  const origin = requireAllowedOrigin(clientData, rp);
  const checked = await deps.passkeyVerifier.verifyAuthentication(
    credential,
    {
      challenge: clientData.challenge,
      origins: [origin],
      rpId: rp.id,
      requireUserVerification: rp.userVerification === "required",
    },
    passkey,
  );
  if (!checked.ok) {
    if (checked.reason === "invalid") throw new PasskeySignInFailed();
    throw passkeyCheckError(checked.reason, rp.id);
  }
  await deps.storage.passkeys.updateSignCount(owner.pool.id, passkey.credentialId, checked.newSignCount);
}

/** A passkey answer that does not prove the user: the caller counts a failure and answers generically. */
export class PasskeySignInFailed extends Error {
  constructor() {
    super("passkey sign-in failed");
    this.name = "PasskeySignInFailed";
  }
}
