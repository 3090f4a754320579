// Pool id and ARN formats.
// - A pool id is `{region}_{9 base62 characters}`, e.g. us-east-1_AbC123xyz (aws-jwt-verify requires this shape).
// - Characters are drawn uniformly: random bytes of 248 or more are rejected, so `byte % 62` has no bias.
// - ARN: `arn:{partition}:cognito-idp:{region}:{account}:userpool/{id}`; the partition follows the region.

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const POOL_ID_SUFFIX_LENGTH = 9;
/** The largest multiple of 62 that fits in a byte; bytes at or above it are redrawn. */
const UNBIASED_LIMIT = 248;

export function randomBase62(randomBytes: (length: number) => Uint8Array, length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < UNBIASED_LIMIT) out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

export function newUserPoolId(region: string, randomBytes: (length: number) => Uint8Array): string {
  return `${region}_${randomBase62(randomBytes, POOL_ID_SUFFIX_LENGTH)}`;
}

/** The AWS partition a region belongs to. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("us-iso-")) return "aws-iso";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  return "aws";
}

export function userPoolArn(region: string, accountId: string, userPoolId: string): string {
  return `arn:${partitionOf(region)}:cognito-idp:${region}:${accountId}:userpool/${userPoolId}`;
}

export interface UserPoolArn {
  partition: string;
  region: string;
  accountId: string;
  userPoolId: string;
}

const ARN_PATTERN = /^arn:([\w-]+):cognito-idp:([\w-]+):(\d+):userpool\/([\w-]+_[0-9a-zA-Z]+)$/;

/** Parses a user pool ARN; anything else (another service, a malformed string) gives undefined. */
export function parseUserPoolArn(arn: string): UserPoolArn | undefined {
  const match = ARN_PATTERN.exec(arn);
  if (!match) return undefined;
  const [, partition, region, accountId, userPoolId] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  return { partition, region, accountId, userPoolId };
}
