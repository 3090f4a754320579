import type { JsonObject } from "../shared/json.js";

/** A public RSA key exactly as a JWKS publishes it (Cognito's member set and order). */
export interface PublicJwk {
  alg: "RS256";
  e: string;
  kid: string;
  kty: "RSA";
  n: string;
  use: "sig";
}

/** A freshly generated key pair: the private half as JWK JSON, for the caller to seal before storing. */
export interface GeneratedKeyPair {
  kid: string;
  privateJwk: string;
  publicJwk: PublicJwk;
}

/** A private key parsed once, to sign many tokens (parsing RSA keys is the slow part). Synchronous. */
export interface JwtSigner {
  readonly kid: string;
  /** A compact RS256 JWS with header `{"kid","alg"}` over the claims as given (member order kept). */
  sign(claims: JsonObject): string;
}

/** A public key parsed once, to check many signatures. Synchronous. */
export interface JwtVerifier {
  readonly kid: string;
  /** The claims when the RS256 signature is valid for this key; undefined otherwise. Checks nothing else. */
  verify(token: string): JsonObject | undefined;
}

/** What a token says about itself before its signature is checked (to find the pool and the key). */
export interface UnverifiedJwt {
  kid: string | undefined;
  alg: string | undefined;
  claims: JsonObject;
}

/** Key generation, signing and signature checks for Cognito-shaped JWTs (RS256). */
export interface TokenSigner {
  /** A new RSA-2048 key pair with a unique, Cognito-looking (base64) kid. */
  generateKeyPair(): Promise<GeneratedKeyPair>;
  importSigner(kid: string, privateJwk: string): Promise<JwtSigner>;
  importVerifier(publicJwk: PublicJwk): Promise<JwtVerifier>;
  /** Undefined when the text is not a compact JWS with a JSON object payload. */
  decodeUnverified(token: string): UnverifiedJwt | undefined;
}
