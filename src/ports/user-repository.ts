import type { UserMfaState } from "../domain/mfa/user-mfa.js";
import type { User, UserAlias, UserStatus } from "../domain/user/user.js";
import type { Page, PageRequest } from "./storage.js";

/** The attributes ListUsers can filter on (Cognito's searchable set). */
export type FilterableUserAttribute =
  | "username"
  | "email"
  | "phone_number"
  | "name"
  | "given_name"
  | "family_name"
  | "preferred_username"
  | "cognito:user_status"
  | "status"
  | "sub";

export interface UserFilter {
  attribute: FilterableUserAttribute;
  /** "=" exact match, "^=" prefix match. */
  operator: "=" | "^=";
  value: string;
}

export interface NewUser {
  user: User;
  /** The username as compared for uniqueness: lower-cased in case-insensitive pools. */
  usernameKey: string;
  aliases: UserAlias[];
}

export interface TokenHolder {
  user: User;
  familyLive: boolean;
  mfa: UserMfaState | undefined;
}

/** Which unique rule a rejected insert or alias change broke. */
export type UserUniqueness = "username" | "alias";

export interface UserRepository {
  /**
   * Inserts a user and its aliases atomically. A taken username or alias rejects the whole insert with
   * DuplicateKeyError whose `constraint` is "users_username_uq" or "user_aliases_uq"; exactly one of many
   * concurrent inserts of the same username succeeds.
   */
  insertUser(newUser: NewUser): Promise<void>;
  findUserByUsername(userPoolId: string, usernameKey: string): Promise<User | undefined>;
  findUserBySub(userPoolId: string, sub: string): Promise<User | undefined>;
  /**
   * The user by sub with, in the same read, whether the refresh-token family `familyId` is still live
   * (exists and is not revoked) and the user's MFA state: what every access-token check needs.
   */
  findTokenHolder(userPoolId: string, sub: string, familyId: string): Promise<TokenHolder | undefined>;
  findUserByAlias(userPoolId: string, alias: UserAlias): Promise<User | undefined>;
  /**
   * Writes every mutable field of an existing user (status, enabled, attributes, password, history,
   * expiries, revocation) and replaces its aliases, atomically. Returns false when the user is gone.
   */
  saveUser(user: User, aliases: UserAlias[]): Promise<boolean>;
  deleteUser(userPoolId: string, sub: string): Promise<boolean>;
  /** Users in creation order, optionally filtered; cost stays logarithmic in the pool size. */
  listUsers(userPoolId: string, query: { filter?: UserFilter; page: PageRequest }): Promise<Page<User>>;
  countUsers(userPoolId: string): Promise<number>;
  /** Records one failed sign-in atomically and returns the failure count in the current streak. */
  recordFailedSignIn(userPoolId: string, sub: string, at: Date, streakResetAfterMs: number): Promise<number>;
  /** The current failure streak (0 when none or when it went quiet longer than streakResetAfterMs). */
  readFailedSignIns(
    userPoolId: string,
    sub: string,
    now: Date,
    streakResetAfterMs: number,
  ): Promise<{ failures: number; lastFailureAt: Date | null }>;
  clearFailedSignIns(userPoolId: string, sub: string): Promise<void>;
}

export type { UserStatus };
