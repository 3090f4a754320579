// Checks WebAuthn responses (attestation at registration, assertion at sign-in) against what the server
// expects. The use cases build the options JSON themselves; only the cryptography lives behind this port.

export type PasskeyCheckFailure =
  /** clientDataJSON.origin is not one of the expected origins. */
  | "origin"
  /** The authenticator data was made for another relying party id. */
  | "relying-party"
  /** User verification was required but the authenticator did not perform it. */
  | "user-verification"
  /** Anything else: malformed response, bad signature, unsupported attestation or algorithm. */
  | "invalid";

export interface PasskeyExpectations {
  challenge: string;
  origins: string[];
  rpId: string;
  requireUserVerification: boolean;
}

export interface RegisteredCredential {
  credentialId: string;
  /** base64url COSE public key. */
  publicKey: string;
  signCount: number;
  aaguid: string;
}

export interface PasskeyVerifier {
  verifyRegistration(
    response: unknown,
    expected: PasskeyExpectations,
  ): Promise<{ ok: true; credential: RegisteredCredential } | { ok: false; reason: PasskeyCheckFailure }>;
  verifyAuthentication(
    response: unknown,
    expected: PasskeyExpectations,
    credential: { credentialId: string; publicKey: string; signCount: number; transports: string[] },
  ): Promise<{ ok: true; newSignCount: number } | { ok: false; reason: PasskeyCheckFailure }>;
}
