import type { CompromisedPasswordList } from "../domain/auth/password-policy.js";
import type { SrpEngine } from "../domain/auth/srp/index.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { MessageSender } from "../ports/message-sender.js";
import type { PasskeyVerifier } from "../ports/passkey-verifier.js";
import type { PasswordHasher } from "../ports/password-hasher.js";
import type { RandomSource } from "../ports/random.js";
import type { SecretBox } from "../ports/secret-box.js";
import type { SecretHasher } from "../ports/secret-hasher.js";
import type { Storage } from "../ports/storage.js";
import type { RequestContext } from "./request-context.js";
import type { Tokens } from "./tokens/tokens.js";
import type { Triggers } from "./triggers/triggers.js";
import type { Codes } from "./users/codes.js";
import type { Passwords } from "./users/passwords.js";

/** Deployment facts that use cases need (ids, ARNs, issuer URLs). */
export interface Deployment {
  region: string;
  accountId: string;
  publicUrl: string;
  /** Prefix domains answer at "{prefix}.{domainSuffix}" (the default passkey relying party id). */
  domainSuffix?: string;
}

/**
 * Everything a use case may depend on. Each use case declares the slice it uses with Pick<…>,
 * and main.ts builds one of these and hands it to every factory.
 */
export interface AppDependencies {
  storage: Storage;
  clock: Clock;
  random: RandomSource;
  secretBox: SecretBox;
  logger: Logger;
  messageSender: MessageSender;
  deployment: Deployment;
  passwordHasher: PasswordHasher;
  srp: SrpEngine;
  secretHasher: SecretHasher;
  compromisedPasswords: CompromisedPasswordList;
  /** Built from the ports above: setting and checking passwords (hash + SRP verifier together). */
  passwords: Passwords;
  /** Built from the ports above: issuing, consuming and delivering one-time codes. */
  codes: Codes;
  /** THE token minter and verifier (signing keys, refresh families, JWKS). */
  tokens: Tokens;
  /** Lambda triggers: runs a pool's trigger code (module or webhook) and maps failures to Cognito's errors. */
  triggers: Triggers;
  /** WebAuthn attestation and assertion checks (passkeys). */
  passkeyVerifier: PasskeyVerifier;
}

/** A use case: a factory taking its dependencies, returning the operation. */
export type UseCase<Input, Output> = (context: RequestContext, input: Input) => Promise<Output>;
