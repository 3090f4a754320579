import { isPlainObject, type JsonObject } from "../../shared/json.js";
import { InvalidPasswordException } from "../errors.js";
import { defaultPasswordPolicy } from "../user-pool/defaults.js";

// A password against the pool's Policies.PasswordPolicy. Cognito reports only the first rule broken,
// checked in this order (observed: "12341234" under the default policy gets the lowercase message):
// 1. length < MinimumLength (counted in UTF-16 units, as Java counts) → "Password not long enough"
// 2. RequireLowercase and no a-z → "Password must have lowercase characters"
// 3. RequireUppercase and no A-Z → "Password must have uppercase characters"
// 4. RequireNumbers and no 0-9 → "Password must have numeric characters"
// 5. RequireSymbols and none of ^ $ * . [ ] { } ( ) ? " ! @ # % & / \ , > < ' : ; | _ ~ ` = + - and no
//    space other than a leading or trailing one → "Password must have symbol characters"
// 6. the password is on the compromised list (when one is given) → "Provided password cannot be used for
//    security reasons." (Cognito's compromised-credentials message)
// Letters and digits are Basic Latin only, as the Cognito docs define them.

export interface PasswordPolicy {
  MinimumLength?: number;
  RequireUppercase?: boolean;
  RequireLowercase?: boolean;
  RequireNumbers?: boolean;
  RequireSymbols?: boolean;
}

/** A list of known-compromised passwords; the integration decides how matching works (e.g. case). */
export interface CompromisedPasswordList {
  contains(password: string): boolean;
}

const POLICY_PREFIX = "Password does not conform to policy: ";
export const COMPROMISED_PASSWORD_MESSAGE = "Provided password cannot be used for security reasons.";
const SYMBOLS = new Set("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+-");
const FALLBACK_MINIMUM_LENGTH = 8;

function hasSymbol(password: string): boolean {
  const last = password.length - 1;
  for (let i = 0; i <= last; i++) {
    const ch = password[i] as string;
    if (SYMBOLS.has(ch) || (ch === " " && i > 0 && i < last)) return true;
  }
  return false;
}

/** The message of the first rule the password breaks, or undefined when it conforms. */
export function passwordPolicyViolation(
  password: string,
  policy: PasswordPolicy,
  compromised?: CompromisedPasswordList,
): string | undefined {
  if (password.length < (policy.MinimumLength ?? FALLBACK_MINIMUM_LENGTH)) {
    return `${POLICY_PREFIX}Password not long enough`;
  }
  if (policy.RequireLowercase && !/[a-z]/.test(password)) {
    return `${POLICY_PREFIX}Password must have lowercase characters`;
  }
  if (policy.RequireUppercase && !/[A-Z]/.test(password)) {
    return `${POLICY_PREFIX}Password must have uppercase characters`;
  }
  if (policy.RequireNumbers && !/[0-9]/.test(password)) {
    return `${POLICY_PREFIX}Password must have numeric characters`;
  }
  if (policy.RequireSymbols && !hasSymbol(password)) {
    return `${POLICY_PREFIX}Password must have symbol characters`;
  }
  if (compromised?.contains(password)) return COMPROMISED_PASSWORD_MESSAGE;
  return undefined;
}

/** Throws Cognito's InvalidPasswordException for the first rule the password breaks. */
export function assertPasswordConformsToPolicy(
  password: string,
  policy: PasswordPolicy,
  compromised?: CompromisedPasswordList,
): void {
  const violation = passwordPolicyViolation(password, policy, compromised);
  if (violation !== undefined) throw new InvalidPasswordException(violation);
}

/** Reads Policies.PasswordPolicy from stored pool settings; a pool without one has the default policy. */
export function passwordPolicyOf(settings: JsonObject): PasswordPolicy {
  const policies = settings.Policies;
  const stored = isPlainObject(policies) ? policies.PasswordPolicy : undefined;
  const source = isPlainObject(stored) ? stored : defaultPasswordPolicy();
  const flag = (name: string) => source[name] === true;
  const minimum = source.MinimumLength;
  return {
    MinimumLength: typeof minimum === "number" ? minimum : FALLBACK_MINIMUM_LENGTH,
    RequireUppercase: flag("RequireUppercase"),
    RequireLowercase: flag("RequireLowercase"),
    RequireNumbers: flag("RequireNumbers"),
    RequireSymbols: flag("RequireSymbols"),
  };
}
