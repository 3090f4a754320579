// THE place where Cognate mints tokens. Every sign-in path (JSON API flows, OAuth endpoints, hosted UI,
// refresh) ends here, so claims, lifetimes, keys and refresh-token storage are decided once.
// Order: build both claim sets → customizeClaims (the pre-token-generation trigger's seam) → sign the
// access token → at_hash (when asked) → sign the ID token → store the refresh token (when asked).

import type { Group } from "../../domain/group/group.js";
import { buildClientAccessTokenClaims } from "../../domain/oauth2/client-token-claims.js";
import { attributeClaims, readableAttributesOf } from "../../domain/tokens/attribute-claims.js";
import { groupClaims } from "../../domain/tokens/group-claims.js";
import { issuerFor } from "../../domain/tokens/issuer.js";
import type { RefreshTokenFamily, StoredRefreshToken } from "../../domain/tokens/refresh-token.js";
import { buildAccessTokenClaims, buildIdTokenClaims } from "../../domain/tokens/token-claims.js";
import { clientTokenLifetimes, type TokenLifetimes } from "../../domain/tokens/token-lifetimes.js";
import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { UserPoolClient } from "../../domain/user-pool-client/user-pool-client.js";
import type { JsonObject } from "../../shared/json.js";
import type { AppDependencies } from "../dependencies.js";
import { accessTokenHash, hashRefreshToken, newRefreshTokenValue } from "./opaque-tokens.js";
import type { SigningKeys } from "./signing-keys.js";

/** The claims about to be signed; the pre-token-generation trigger may return changed ones. */
export interface TokenClaimSets {
  idToken: JsonObject;
  accessToken: JsonObject;
}
export type ClaimsCustomizer = (claims: TokenClaimSets) => Promise<TokenClaimSets>;
const unchanged: ClaimsCustomizer = async (claims) => claims;

/** Cognito's AuthenticationResultType (without NewDeviceMetadata, which the device flows add). */
export interface AuthenticationResult {
  AccessToken: string;
  ExpiresIn: number;
  TokenType: "Bearer";
  RefreshToken?: string;
  IdToken: string;
}

export interface MintDependencies
  extends Pick<AppDependencies, "storage" | "clock" | "random" | "deployment"> {
  signingKeys: SigningKeys;
}

export interface IssueTokensInput {
  user: User;
  pool: Pick<UserPool, "id">;
  client: UserPoolClient;
  /** The user's groups, in precedence order (storage.groups.groupsOfUser). */
  groups: readonly Group[];
  /** API flows: ["aws.cognito.signin.user.admin"]; OAuth: the granted scopes. */
  scopes: readonly string[];
  /** When the user authenticated; refreshes carry the original time. */
  authTime: Date;
  deviceKey?: string;
  withRefreshToken: boolean;
  /** The sign-in's family (origin_jti) when continuing one; a new family otherwise. */
  familyId?: string;
  /** The id of the new family (when familyId is absent); chosen ahead by OAuth codes, random otherwise. */
  newFamilyId?: string;
  nonce?: string;
  /** Attributes the client may read; default: its ReadAttributes, or the standard attributes. */
  readableAttributes?: ReadonlySet<string>;
  /** Tokens for the OAuth endpoints (access token carries `version: 2`). */
  oauth?: boolean;
  /** Add OIDC at_hash to the ID token (token endpoint). */
  includeAtHash?: boolean;
  /** The authentication event's id (event_id); a fresh one by default. */
  eventId?: string;
  customizeClaims?: ClaimsCustomizer;
}

export interface MintedTokens {
  result: AuthenticationResult;
  lifetimes: TokenLifetimes;
  issuedAt: Date;
}

/** Signs an ID and an access token of the family `originJti`; stores nothing. */
export const mintTokens =
  (deps: MintDependencies) =>
  async (
    input: Omit<IssueTokensInput, "withRefreshToken" | "familyId">,
    originJti: string,
  ): Promise<MintedTokens> => {
    if (input.client.userPoolId !== input.pool.id || input.user.userPoolId !== input.pool.id) {
      throw new Error("issueTokens: the user and the client must belong to the pool");
    }
    const issuedAt = deps.clock.now();
    const iat = Math.floor(issuedAt.getTime() / 1000);
    const lifetimes = clientTokenLifetimes(input.client.settings);
    const session = {
      issuer: issuerFor(deps.deployment.publicUrl, input.pool.id),
      sub: input.user.sub,
      username: input.user.username,
      clientId: input.client.clientId,
      originJti,
      eventId: input.eventId ?? deps.random.uuid(),
      authTime: Math.floor(input.authTime.getTime() / 1000),
      issuedAt: iat,
      groups: groupClaims(input.groups),
    };
    const readable = input.readableAttributes ?? readableAttributesOf(input.client.settings);
    const claims = await (input.customizeClaims ?? unchanged)({
      accessToken: buildAccessTokenClaims({
        ...session,
        jti: deps.random.uuid(),
        expiresAt: iat + lifetimes.access,
        scopes: input.scopes,
        deviceKey: input.deviceKey,
        oauth: input.oauth === true,
      }),
      idToken: buildIdTokenClaims({
        ...session,
        jti: deps.random.uuid(),
        expiresAt: iat + lifetimes.id,
        attributes: attributeClaims(input.user.attributes, readable),
        nonce: input.nonce,
      }),
    });

    const [accessSigner, idSigner] = await Promise.all([
      deps.signingKeys.signer(input.pool.id, "access"),
      deps.signingKeys.signer(input.pool.id, "id"),
    ]);
    const AccessToken = accessSigner.sign(claims.accessToken);
    const idClaims = input.includeAtHash
      ? { at_hash: accessTokenHash(AccessToken), ...claims.idToken }
      : claims.idToken;
    const IdToken = idSigner.sign(idClaims);
    return {
      result: { AccessToken, ExpiresIn: lifetimes.access, TokenType: "Bearer", IdToken },
      lifetimes,
      issuedAt,
    };
  };

/** A new refresh token of `familyId`: the value for the client and the hashed row for storage. */
export function newRefreshToken(
  deps: Pick<AppDependencies, "random">,
  fields: Omit<StoredRefreshToken, "tokenHash" | "rotatedAt">,
): { value: string; stored: StoredRefreshToken } {
  const value = newRefreshTokenValue(deps.random);
  return { value, stored: { ...fields, tokenHash: hashRefreshToken(value), rotatedAt: null } };
}

/** The AuthenticationResult of a sign-in (or of a continued family when `familyId` is given). */
export const issueTokens = (deps: MintDependencies) => {
  const mint = mintTokens(deps);
  return async (input: IssueTokensInput): Promise<AuthenticationResult> => {
    const familyId = input.familyId ?? input.newFamilyId ?? deps.random.uuid();
    const { result, lifetimes, issuedAt } = await mint(input, familyId);
    if (!input.withRefreshToken) return result;

    const { value, stored } = newRefreshToken(deps, {
      familyId,
      userPoolId: input.pool.id,
      clientId: input.client.clientId,
      sub: input.user.sub,
      scopes: [...input.scopes],
      deviceKey: input.deviceKey ?? null,
      authTime: input.authTime,
      createdAt: issuedAt,
      expiresAt: new Date(issuedAt.getTime() + lifetimes.refresh * 1000),
    });
    const family: RefreshTokenFamily | undefined = input.familyId
      ? undefined
      : {
          familyId,
          userPoolId: input.pool.id,
          clientId: input.client.clientId,
          sub: input.user.sub,
          revokedAt: null,
        };
    await deps.storage.refreshTokens.insertRefreshToken(stored, family);
    return { ...result, RefreshToken: value };
  };
};

/** grant_type=client_credentials: an access token for the app client itself (no user, no refresh token). */
export const mintClientAccessToken =
  (deps: MintDependencies) =>
  async (input: {
    pool: Pick<UserPool, "id">;
    client: UserPoolClient;
    scopes: readonly string[];
    /** The V3 pre-token-generation seam (app/triggers customizeClientCredentialsClaims). */
    customizeClaims?: (accessToken: JsonObject) => Promise<JsonObject>;
  }) => {
    if (input.client.userPoolId !== input.pool.id) throw new Error("mintClientAccessToken: foreign client");
    const iat = Math.floor(deps.clock.now().getTime() / 1000);
    const lifetime = clientTokenLifetimes(input.client.settings).access;
    const built = buildClientAccessTokenClaims({
      issuer: issuerFor(deps.deployment.publicUrl, input.pool.id),
      clientId: input.client.clientId,
      scopes: input.scopes,
      jti: deps.random.uuid(),
      issuedAt: iat,
      expiresAt: iat + lifetime,
    });
    const claims = input.customizeClaims ? await input.customizeClaims(built) : built;
    const signer = await deps.signingKeys.signer(input.pool.id, "access");
    return { accessToken: signer.sign(claims), expiresIn: lifetime };
  };
