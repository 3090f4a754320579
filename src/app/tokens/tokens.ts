// The token services wired together, for main.ts: one signing-key cache shared by minting, refresh,
// verification and the JWKS route.

import type { TokenSigner } from "../../ports/token-signer.js";
import type { AppDependencies } from "../dependencies.js";
import { type AuthenticationResult, type IssueTokensInput, issueTokens } from "./mint-tokens.js";
import { type RefreshTokensInput, type RefreshTokensResult, refreshTokens } from "./refresh-tokens.js";
import {
  createSigningKeys,
  type Jwks,
  type KeyRotation,
  type SigningKeys,
  type SigningKeysOptions,
} from "./signing-keys.js";
import { type VerifiedAccessToken, verifyAccessToken } from "./verify-access-token.js";

export interface TokenDependencies
  extends Pick<AppDependencies, "storage" | "clock" | "random" | "secretBox" | "deployment"> {
  tokenSigner: TokenSigner;
}

export interface Tokens {
  signingKeys: SigningKeys;
  issueTokens(input: IssueTokensInput): Promise<AuthenticationResult>;
  refreshTokens(input: RefreshTokensInput): Promise<RefreshTokensResult>;
  /** Throws NotAuthorizedException (or UserNotFoundException) with Cognito's messages. */
  verifyAccessToken(token: string): Promise<VerifiedAccessToken>;
  /** The pool's JWKS; undefined when the pool does not exist. */
  jwks(userPoolId: string): Promise<Jwks | undefined>;
  rotateSigningKeys(userPoolId: string): Promise<KeyRotation>;
}

export function createTokens(deps: TokenDependencies, options: SigningKeysOptions = {}): Tokens {
  const signingKeys = createSigningKeys(deps, options);
  const withKeys = { ...deps, signingKeys };
  return {
    signingKeys,
    issueTokens: issueTokens(withKeys),
    refreshTokens: refreshTokens(withKeys),
    verifyAccessToken: verifyAccessToken(withKeys),
    jwks: (userPoolId) => signingKeys.jwks(userPoolId),
    rotateSigningKeys: (userPoolId) => signingKeys.rotate(userPoolId),
  };
}
