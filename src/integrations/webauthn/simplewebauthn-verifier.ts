import {
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import type { PasskeyCheckFailure, PasskeyVerifier } from "../../ports/passkey-verifier.js";

// @simplewebauthn/server behind the PasskeyVerifier port. Its failures are plain Errors; the messages
// that name the origin, the RP ID or user verification are mapped to the port's reasons.

function reasonOf(error: unknown): PasskeyCheckFailure {
  const message = error instanceof Error ? error.message : "";
  if (/origin/i.test(message)) return "origin";
  if (/RP ID|rpID|rpIdHash/i.test(message)) return "relying-party";
  if (/user could not be verified|user verification/i.test(message)) return "user-verification";
  return "invalid";
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function createSimpleWebAuthnVerifier(): PasskeyVerifier {
  return {
    async verifyRegistration(response, expected) {
      if (!isObject(response) || !isObject(response.response)) return { ok: false, reason: "invalid" };
      try {
        const result = await verifyRegistrationResponse({
          response: response as unknown as RegistrationResponseJSON,
          expectedChallenge: expected.challenge,
          expectedOrigin: expected.origins,
          expectedRPID: expected.rpId,
          requireUserVerification: expected.requireUserVerification,
        });
        if (!result.verified) return { ok: false, reason: "invalid" };
        const { credential, aaguid } = result.registrationInfo;
        return {
          ok: true,
          credential: {
            credentialId: credential.id,
            publicKey: Buffer.from(credential.publicKey).toString("base64url"),
            signCount: credential.counter,
            aaguid,
          },
        };
      } catch (error) {
        return { ok: false, reason: reasonOf(error) };
      }
    },

    async verifyAuthentication(response, expected, credential) {
      if (!isObject(response) || !isObject(response.response)) return { ok: false, reason: "invalid" };
      try {
        const result = await verifyAuthenticationResponse({
          response: response as unknown as AuthenticationResponseJSON,
          expectedChallenge: expected.challenge,
          expectedOrigin: expected.origins,
          expectedRPID: expected.rpId,
          requireUserVerification: expected.requireUserVerification,
          credential: {
            id: credential.credentialId,
            publicKey: new Uint8Array(Buffer.from(credential.publicKey, "base64url")),
            counter: credential.signCount,
            transports: credential.transports as never,
          },
        });
        if (!result.verified) return { ok: false, reason: "invalid" };
        return { ok: true, newSignCount: result.authenticationInfo.newCounter };
      } catch (error) {
        return { ok: false, reason: reasonOf(error) };
      }
    },
  };
}
