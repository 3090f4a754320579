import { InvalidParameterException } from "../errors.js";

// Pool-name rules: 1–128 characters from letters, digits, `_`, whitespace and `+ = , . @ -`.
// Names need not be unique: Cognito tells pools apart by id only.
// The model validator enforces the same constraints first; this keeps the rule true for every caller,
// with the message the validator would give.

const POOL_NAME = /^[\w\s+=,.@-]+$/;
const MAX_POOL_NAME_LENGTH = 128;

const violation = (value: string, constraint: string) =>
  new InvalidParameterException(
    `1 validation error detected: Value ${value} at 'poolName' failed to satisfy constraint: ${constraint}`,
  );

export function checkPoolName(name: unknown): string {
  if (typeof name !== "string") throw violation("null", "Member must not be null");
  if (name.length < 1) throw violation(`'${name}'`, "Member must have length greater than or equal to 1");
  if (name.length > MAX_POOL_NAME_LENGTH) {
    throw violation(`'${name}'`, `Member must have length less than or equal to ${MAX_POOL_NAME_LENGTH}`);
  }
  if (!POOL_NAME.test(name)) {
    throw violation(`'${name}'`, "Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+");
  }
  return name;
}
