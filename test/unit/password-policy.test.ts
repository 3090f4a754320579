import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  assertPasswordConformsToPolicy,
  COMPROMISED_PASSWORD_MESSAGE,
  type CompromisedPasswordList,
  type PasswordPolicy,
  passwordPolicyOf,
  passwordPolicyViolation,
} from "../../src/domain/auth/password-policy.js";
import { InvalidPasswordException } from "../../src/domain/errors.js";
import {
  type LoadedPasswordList,
  loadCommonPasswordList,
  passwordListFromText,
} from "../../src/integrations/crypto/breached-passwords.js";

const PREFIX = "Password does not conform to policy: ";
const NOT_LONG_ENOUGH = `${PREFIX}Password not long enough`;
const NO_LOWER = `${PREFIX}Password must have lowercase characters`;
const NO_UPPER = `${PREFIX}Password must have uppercase characters`;
const NO_NUMBER = `${PREFIX}Password must have numeric characters`;
const NO_SYMBOL = `${PREFIX}Password must have symbol characters`;

const DEFAULT_POLICY: PasswordPolicy = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
};
const only = (rule: Partial<PasswordPolicy>): PasswordPolicy => ({ MinimumLength: 6, ...rule });

describe("password policy rules", () => {
  it("MinimumLength: shorter fails, exactly the minimum passes", () => {
    const policy = only({ MinimumLength: 10 });
    expect(passwordPolicyViolation("123456789", policy)).toBe(NOT_LONG_ENOUGH);
    expect(passwordPolicyViolation("1234567890", policy)).toBeUndefined();
    // Counted in UTF-16 units, as Java's String.length() counts: one emoji is two.
    expect(passwordPolicyViolation("🔐🔐🔐🔐🔐", policy)).toBeUndefined();
    expect(passwordPolicyViolation("🔐🔐🔐🔐", policy)).toBe(NOT_LONG_ENOUGH);
  });

  it("RequireLowercase needs a Basic Latin a-z", () => {
    const policy = only({ RequireLowercase: true });
    expect(passwordPolicyViolation("ABCDEF12", policy)).toBe(NO_LOWER);
    expect(passwordPolicyViolation("ÉÇÀéçàüö", policy)).toBe(NO_LOWER);
    expect(passwordPolicyViolation("ABCDEz12", policy)).toBeUndefined();
  });

  it("RequireUppercase needs a Basic Latin A-Z", () => {
    const policy = only({ RequireUppercase: true });
    expect(passwordPolicyViolation("abcdef12", policy)).toBe(NO_UPPER);
    expect(passwordPolicyViolation("abcdefÉÇ", policy)).toBe(NO_UPPER);
    expect(passwordPolicyViolation("abcdeZ12", policy)).toBeUndefined();
  });

  it("RequireNumbers needs an ASCII digit", () => {
    const policy = only({ RequireNumbers: true });
    expect(passwordPolicyViolation("abcdefgh", policy)).toBe(NO_NUMBER);
    expect(passwordPolicyViolation("abcdef٣٤", policy)).toBe(NO_NUMBER);
    expect(passwordPolicyViolation("abcdefg0", policy)).toBeUndefined();
  });

  it("RequireSymbols accepts each of Cognito's special characters", () => {
    const policy = only({ RequireSymbols: true });
    const symbols = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+-";
    expect(symbols).toHaveLength(32);
    for (const symbol of symbols) {
      expect(passwordPolicyViolation(`abc${symbol}def`, policy), symbol).toBeUndefined();
    }
  });

  it("RequireSymbols counts an inner space but not a leading/trailing one or other characters", () => {
    const policy = only({ RequireSymbols: true });
    expect(passwordPolicyViolation("abc def1", policy)).toBeUndefined();
    expect(passwordPolicyViolation(" abcdef1", policy)).toBe(NO_SYMBOL);
    expect(passwordPolicyViolation("abcdef1 ", policy)).toBe(NO_SYMBOL);
    for (const other of ["€", "§", "¿", "£", "\t", "é", "😀"]) {
      expect(passwordPolicyViolation(`abc${other}def`, policy), other).toBe(NO_SYMBOL);
    }
  });

  it("a policy that requires nothing accepts anything long enough", () => {
    expect(passwordPolicyViolation("aaaaaa", only({}))).toBeUndefined();
    expect(passwordPolicyViolation("……………", only({}))).toBe(NOT_LONG_ENOUGH);
  });

  it("reports only the first broken rule: length, lower, upper, number, symbol", () => {
    expect(passwordPolicyViolation("Ab1!", DEFAULT_POLICY)).toBe(NOT_LONG_ENOUGH);
    expect(passwordPolicyViolation("12341234", DEFAULT_POLICY)).toBe(NO_LOWER);
    expect(passwordPolicyViolation("abcdefgh", DEFAULT_POLICY)).toBe(NO_UPPER);
    expect(passwordPolicyViolation("Abcdefgh", DEFAULT_POLICY)).toBe(NO_NUMBER);
    expect(passwordPolicyViolation("Abcdefg1", DEFAULT_POLICY)).toBe(NO_SYMBOL);
    expect(passwordPolicyViolation("Abcdef1!", DEFAULT_POLICY)).toBeUndefined();
  });

  it("throws InvalidPasswordException with the message", () => {
    let thrown: unknown;
    try {
      assertPasswordConformsToPolicy("short", DEFAULT_POLICY);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidPasswordException);
    expect(thrown).toMatchObject({ code: "InvalidPasswordException", message: NOT_LONG_ENOUGH });
    expect(() => assertPasswordConformsToPolicy("Abcdef1!", DEFAULT_POLICY)).not.toThrow();
  });
});

describe("reading the policy from pool settings", () => {
  it("takes Policies.PasswordPolicy as stored", () => {
    const settings = {
      PoolName: "p",
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireUppercase: false,
          RequireLowercase: true,
          RequireNumbers: false,
        },
      },
    };
    expect(passwordPolicyOf(settings)).toEqual({
      MinimumLength: 12,
      RequireUppercase: false,
      RequireLowercase: true,
      RequireNumbers: false,
      RequireSymbols: false,
    });
  });

  it("falls back to Cognito's default policy when the pool has none", () => {
    expect(passwordPolicyOf({ PoolName: "p" })).toEqual(DEFAULT_POLICY);
    expect(passwordPolicyOf({ PoolName: "p", Policies: {} })).toEqual(DEFAULT_POLICY);
  });
});

describe("compromised passwords", () => {
  let shipped: LoadedPasswordList;
  beforeAll(async () => {
    shipped = await loadCommonPasswordList();
  });

  it("loads the shipped list of 10,000 common passwords", () => {
    expect(shipped.size).toBe(10_000);
    for (const common of ["password", "123456", "qwerty", "letmein", "trustno1", "baseball"]) {
      expect(shipped.contains(common), common).toBe(true);
    }
    expect(shipped.contains("d8Kq-2vLr!pZ")).toBe(false);
  });

  it("matches regardless of case", () => {
    expect(shipped.contains("PassWord")).toBe(true);
    expect(shipped.contains("DRAGON")).toBe(true);
  });

  it("rejects a compromised password after the policy rules, with Cognito's message", () => {
    const lax = only({ MinimumLength: 8 });
    expect(passwordPolicyViolation("baseball", lax, shipped)).toBe(COMPROMISED_PASSWORD_MESSAGE);
    expect(passwordPolicyViolation("baseball", lax)).toBeUndefined();
    expect(
      passwordPolicyViolation("Baseball", only({ MinimumLength: 8, RequireUppercase: true }), shipped),
    ).toBe(COMPROMISED_PASSWORD_MESSAGE);
    // Policy messages come first: the short common password is "not long enough".
    expect(passwordPolicyViolation("dragon", DEFAULT_POLICY, shipped)).toBe(NOT_LONG_ENOUGH);
    expect(passwordPolicyViolation("d8Kq-2vLr!pZ", DEFAULT_POLICY, shipped)).toBeUndefined();
    expect(() => assertPasswordConformsToPolicy("baseball", lax, shipped)).toThrow(
      new InvalidPasswordException(COMPROMISED_PASSWORD_MESSAGE),
    );
    expect(COMPROMISED_PASSWORD_MESSAGE).toBe("Provided password cannot be used for security reasons.");
  });

  it("accepts any list implementation", () => {
    const list: CompromisedPasswordList = { contains: (password) => password === "Exact-Match-1!" };
    expect(passwordPolicyViolation("Exact-Match-1!", DEFAULT_POLICY, list)).toBe(
      COMPROMISED_PASSWORD_MESSAGE,
    );
  });

  it("parses CRLF files, skips blank lines and loads from a given path", async () => {
    const parsed = passwordListFromText("alpha\r\nBeta\r\n\r\ngamma\n");
    expect(parsed.size).toBe(3);
    expect(parsed.contains("beta")).toBe(true);
    expect(parsed.contains("")).toBe(false);
    const path = join(tmpdir(), `cognate-passwords-${process.pid}.txt`);
    await writeFile(path, "one\ntwo\n");
    const loaded = await loadCommonPasswordList(path);
    expect(loaded.size).toBe(2);
    expect(loaded.contains("TWO")).toBe(true);
    await rm(path);
  });
});
