import type { UserPool } from "../../domain/user-pool/user-pool.js";
import { isPlainObject } from "../../shared/json.js";

// Reading a pool's LambdaConfig and the pool tags that tune triggers:
// - PreTokenGeneration: PreTokenGenerationConfig.LambdaArn (with its LambdaVersion) wins over the legacy
//   PreTokenGeneration field, which means V1_0;
// - CustomSMSSender, CustomEmailSender, InboundFederation: objects with LambdaArn;
// - tag `cognate:trigger-timeout-ms:<Trigger>` (or `cognate:trigger-timeout-ms` for every trigger of the
//   pool): how long Cognate waits for the function, in milliseconds (100 to 900000);
// - tag `cognate:trigger-secret`: the pool's trigger secret, when the operator wants to choose it.

export type TriggerName =
  | "PreSignUp"
  | "CustomMessage"
  | "PostConfirmation"
  | "PreAuthentication"
  | "PostAuthentication"
  | "DefineAuthChallenge"
  | "CreateAuthChallenge"
  | "VerifyAuthChallengeResponse"
  | "PreTokenGeneration"
  | "UserMigration"
  | "CustomSMSSender"
  | "CustomEmailSender"
  | "InboundFederation";

export type PreTokenGenerationVersion = "V1_0" | "V2_0" | "V3_0";

export const TRIGGER_TIMEOUT_TAG = "cognate:trigger-timeout-ms";
export const TRIGGER_SECRET_TAG = "cognate:trigger-secret";
const MIN_TIMEOUT_MS = 100;
const MAX_TIMEOUT_MS = 900_000;

function lambdaConfig(pool: UserPool): Record<string, unknown> {
  const config = pool.settings.LambdaConfig;
  return isPlainObject(config) ? config : {};
}

function arnOf(value: unknown): string | undefined {
  if (typeof value === "string" && value !== "") return value;
  if (isPlainObject(value) && typeof value.LambdaArn === "string" && value.LambdaArn !== "") {
    return value.LambdaArn;
  }
  return undefined;
}

/** Where the pool's `trigger` code is, or undefined when the pool has none. */
export function triggerLocation(pool: UserPool, trigger: TriggerName): string | undefined {
  const config = lambdaConfig(pool);
  if (trigger === "PreTokenGeneration") {
    return arnOf(config.PreTokenGenerationConfig) ?? arnOf(config.PreTokenGeneration);
  }
  return arnOf(config[trigger]);
}

export function preTokenGenerationVersion(pool: UserPool): PreTokenGenerationVersion {
  const versioned = lambdaConfig(pool).PreTokenGenerationConfig;
  const version = isPlainObject(versioned) ? versioned.LambdaVersion : undefined;
  return version === "V2_0" || version === "V3_0" ? version : "V1_0";
}

export function kmsKeyIdOf(pool: UserPool): string | undefined {
  const id = lambdaConfig(pool).KMSKeyID;
  return typeof id === "string" && id !== "" ? id : undefined;
}

function tags(pool: UserPool): Record<string, unknown> {
  const value = pool.settings.UserPoolTags;
  return isPlainObject(value) ? value : {};
}

/** The pool's timeout for `trigger` in milliseconds, when a tag sets one. */
export function configuredTimeoutMs(pool: UserPool, trigger: TriggerName): number | undefined {
  const all = tags(pool);
  for (const key of [`${TRIGGER_TIMEOUT_TAG}:${trigger}`, TRIGGER_TIMEOUT_TAG]) {
    const value = all[key];
    if (typeof value === "string" && /^\d+$/.test(value)) {
      return Math.min(MAX_TIMEOUT_MS, Math.max(MIN_TIMEOUT_MS, Number(value)));
    }
  }
  return undefined;
}

/** The operator-chosen trigger secret, when the pool has one. */
export function taggedTriggerSecret(pool: UserPool): string | undefined {
  const value = tags(pool)[TRIGGER_SECRET_TAG];
  return typeof value === "string" && value.length >= 16 ? value : undefined;
}
