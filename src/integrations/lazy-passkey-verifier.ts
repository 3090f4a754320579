import type { PasskeyVerifier } from "../ports/passkey-verifier.js";

// @simplewebauthn/server and its CBOR/ASN.1 stack are about 20 MB resident, and most deployments never
// see a passkey: the verifier is loaded by the first passkey ceremony instead of at start.

export function lazyPasskeyVerifier(): PasskeyVerifier {
  let loaded: Promise<PasskeyVerifier> | undefined;
  const verifier = () =>
    (loaded ??= import("./webauthn/simplewebauthn-verifier.js").then((module) =>
      module.createSimpleWebAuthnVerifier(),
    ));
  return {
    verifyRegistration: async (response, expected) =>
      (await verifier()).verifyRegistration(response, expected),
    verifyAuthentication: async (response, expected, credential) =>
      (await verifier()).verifyAuthentication(response, expected, credential),
  };
}
