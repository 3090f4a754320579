import type { Group } from "../domain/group/group.js";
import type { RefreshTokenFamily, StoredRefreshToken } from "../domain/tokens/refresh-token.js";
import type { SigningKey, SigningKeyUse } from "../domain/tokens/signing-key.js";
import type { CodeConsumption, CodePurpose, OneTimeCode } from "../domain/user/one-time-code.js";
import type { User } from "../domain/user/user.js";
import type { Page, PageRequest } from "./storage.js";

export interface GroupRepository {
  /** DuplicateKeyError("groups_pk") when the name is taken in the pool. */
  insertGroup(group: Group): Promise<void>;
  findGroup(userPoolId: string, groupName: string): Promise<Group | undefined>;
  /** Groups in name order. */
  listGroups(userPoolId: string, page: PageRequest): Promise<Page<Group>>;
  saveGroup(group: Group): Promise<boolean>;
  deleteGroup(userPoolId: string, groupName: string): Promise<boolean>;
  /** Idempotent. */
  addUserToGroup(userPoolId: string, groupName: string, sub: string, at: Date): Promise<void>;
  removeUserFromGroup(userPoolId: string, groupName: string, sub: string): Promise<void>;
  /** Every group of a user, ordered by precedence (nulls last) then name: what tokens need. */
  groupsOfUser(userPoolId: string, sub: string): Promise<Group[]>;
  listGroupsForUser(userPoolId: string, sub: string, page: PageRequest): Promise<Page<Group>>;
  listUsersInGroup(userPoolId: string, groupName: string, page: PageRequest): Promise<Page<User>>;
}

export interface OneTimeCodeRepository {
  /** Stores the code, replacing any live code of the same user and purpose. */
  saveCode(code: OneTimeCode): Promise<void>;
  /**
   * Atomically checks and consumes: exactly one concurrent caller gets "consumed". A mismatch counts an
   * attempt; at `maxAttempts` the code is destroyed and later calls get "too-many-attempts" once, then "missing".
   */
  consumeCode(input: {
    userPoolId: string;
    sub: string;
    purpose: CodePurpose;
    codeHash: string;
    now: Date;
    maxAttempts: number;
  }): Promise<CodeConsumption>;
  deleteCodes(userPoolId: string, sub: string, purpose?: CodePurpose): Promise<void>;
}

export type RotationOutcome =
  | { outcome: "rotated" }
  /** Already rotated, but within the grace period: the caller may answer as before. */
  | { outcome: "within-grace" }
  /** Reused after the grace period (or revoked): the family is now revoked. */
  | { outcome: "reuse-detected" };

export interface RefreshTokenWithHolder {
  token: StoredRefreshToken;
  family: RefreshTokenFamily;
  user: User | undefined;
  /** In token order (groupsOfUser's). */
  groups: Group[];
}

export interface RefreshTokenRepository {
  /** Stores a new token; creates its family when `family` is given (a fresh sign-in). */
  insertRefreshToken(token: StoredRefreshToken, family?: RefreshTokenFamily): Promise<void>;
  findRefreshToken(
    tokenHash: string,
  ): Promise<{ token: StoredRefreshToken; family: RefreshTokenFamily } | undefined>;
  /** findRefreshToken with the token's user (undefined when gone) and the user's groups, in one read. */
  findRefreshTokenWithHolder(tokenHash: string): Promise<RefreshTokenWithHolder | undefined>;
  /**
   * Replaces `oldHash` by `replacement` atomically: of many concurrent rotations of one token at most one
   * gets "rotated". Rotation of a token already rotated more than `graceMs` ago revokes the family.
   */
  rotateRefreshToken(
    oldHash: string,
    replacement: StoredRefreshToken,
    now: Date,
    graceMs: number,
  ): Promise<RotationOutcome>;
  revokeFamily(familyId: string, at: Date): Promise<void>;
  revokeFamiliesOfUser(userPoolId: string, sub: string, at: Date): Promise<void>;
  /** ForgetDevice: revokes the user's sign-ins whose refresh tokens are bound to `deviceKey`. */
  revokeFamiliesOfDevice(userPoolId: string, sub: string, deviceKey: string, at: Date): Promise<void>;
  /** For access-token checks: is the family (origin_jti) still alive? */
  isFamilyRevoked(familyId: string): Promise<boolean>;
}

export interface SigningKeyRepository {
  insertSigningKey(key: SigningKey): Promise<void>;
  /** Keys not yet expired at `now`, newest first: the JWKS, and the active signer per use. */
  listSigningKeys(userPoolId: string, now: Date): Promise<SigningKey[]>;
  /** Stops a key signing and schedules its removal from the JWKS. */
  retireSigningKey(kid: string, retiredAt: Date, expiresAt: Date): Promise<void>;
}

export type { SigningKeyUse };
