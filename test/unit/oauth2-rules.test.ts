import { describe, expect, it } from "vitest";
import {
  checkPkceParameters,
  checkPrompt,
  isRegisteredRedirectUri,
  isWellFormedCodeVerifier,
  responseLocation,
} from "../../src/domain/oauth2/authorization-request.js";
import {
  attributesForScopes,
  parseScopeParameter,
  resolveClientCredentialsScopes,
  resolveUserScopes,
} from "../../src/domain/oauth2/scopes.js";
import {
  checkCustomDomain,
  checkPrefixDomain,
  domainNameForHost,
} from "../../src/domain/oauth2/user-pool-domain.js";

// The pure OAuth rules, case by case; the wire tests (test/oidc) cover them end to end.

const exists = (scope: string) => ["orders/read", "https://api.example.com/read"].includes(scope);
const ALLOWED = [
  "openid",
  "email",
  "phone",
  "profile",
  "aws.cognito.signin.user.admin",
  "orders/read",
  "gone/read",
];

describe("scopes", () => {
  it("parses the scope parameter", () => {
    expect(parseScopeParameter(undefined)).toBeUndefined();
    expect(parseScopeParameter("   ")).toBeUndefined();
    expect(parseScopeParameter("openid  email openid")).toEqual(["openid", "email"]);
  });

  it("grants every usable allowed scope when none is requested", () => {
    expect(resolveUserScopes(undefined, ALLOWED, exists)).toEqual({
      ok: true,
      scopes: ["aws.cognito.signin.user.admin", "email", "openid", "orders/read", "phone", "profile"],
    });
    // Without openid, email/phone/profile cannot be granted by default either.
    expect(resolveUserScopes(undefined, ["email", "orders/read"], exists)).toEqual({
      ok: true,
      scopes: ["orders/read"],
    });
    expect(resolveUserScopes(undefined, ["email"], exists).ok).toBe(false);
  });

  it("refuses scopes that are not allowed, do not exist, are malformed, or need openid", () => {
    expect(resolveUserScopes(["openid", "orders/write"], ALLOWED, exists).ok).toBe(false);
    expect(resolveUserScopes(["openid", "gone/read"], ALLOWED, exists).ok).toBe(false);
    expect(resolveUserScopes(['open"id'], ALLOWED, exists).ok).toBe(false);
    expect(resolveUserScopes(["profile"], ALLOWED, exists).ok).toBe(false);
    expect(resolveUserScopes(["aws.cognito.signin.user.admin"], ALLOWED, exists)).toEqual({
      ok: true,
      scopes: ["aws.cognito.signin.user.admin"],
    });
  });

  it("grants only existing custom scopes to client_credentials", () => {
    const allowed = ["orders/read", "https://api.example.com/read", "gone/read"];
    expect(resolveClientCredentialsScopes(undefined, allowed, exists)).toEqual({
      ok: true,
      scopes: ["https://api.example.com/read", "orders/read"],
    });
    expect(resolveClientCredentialsScopes(["openid"], [...allowed, "openid"], exists).ok).toBe(false);
    expect(resolveClientCredentialsScopes(["gone/read"], allowed, exists).ok).toBe(false);
    expect(resolveClientCredentialsScopes(undefined, ["gone/read"], exists).ok).toBe(false);
  });

  it("limits attributes to the scopes' boundaries within what the client may read", () => {
    const readable = new Set(["email", "email_verified", "phone_number", "phone_number_verified", "name"]);
    expect(attributesForScopes(["openid"], readable)).toBe(readable);
    expect(attributesForScopes(["openid", "profile", "email"], readable)).toBe(readable);
    expect([...attributesForScopes(["openid", "email"], readable)]).toEqual(["email", "email_verified"]);
    expect([
      ...attributesForScopes(["openid", "email", "phone"], new Set(["email", "phone_number"])),
    ]).toEqual(["email", "phone_number"]);
  });
});

describe("authorization request", () => {
  it("matches redirect URIs exactly", () => {
    expect(isRegisteredRedirectUri("https://a.example/cb", ["https://a.example/cb"])).toBe(true);
    for (const variant of [
      "https://a.example/cb/",
      "https://A.example/cb",
      "https://a.example/cb?x",
      "https://a.example:443/cb",
    ]) {
      expect(isRegisteredRedirectUri(variant, ["https://a.example/cb"]), variant).toBe(false);
    }
  });

  it("checks PKCE parameters and verifiers", () => {
    const challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    expect(checkPkceParameters(undefined, undefined)).toEqual({ ok: true });
    expect(checkPkceParameters(challenge, "S256")).toEqual({ ok: true, challenge });
    expect(checkPkceParameters(challenge, "plain").ok).toBe(false);
    expect(checkPkceParameters(challenge, undefined).ok).toBe(false);
    expect(checkPkceParameters(undefined, "S256").ok).toBe(false);
    expect(checkPkceParameters(`${challenge}=`, "S256").ok).toBe(false);
    expect(isWellFormedCodeVerifier("a".repeat(42))).toBe(false);
    expect(isWellFormedCodeVerifier("a".repeat(129))).toBe(false);
    expect(isWellFormedCodeVerifier("a-._~".repeat(10))).toBe(true);
  });

  it("accepts prompt none and login, ignores select_account and consent", () => {
    expect(checkPrompt("none")).toEqual({ ok: true, prompt: "none" });
    expect(checkPrompt("consent")).toEqual({ ok: true });
    expect(checkPrompt("none login").ok).toBe(false);
  });

  it("appends answers after an existing query, or in the fragment", () => {
    expect(
      responseLocation("https://a.example/cb?x=1", "query", [
        ["code", "c"],
        ["state", undefined],
      ]),
    ).toBe("https://a.example/cb?x=1&code=c");
    expect(
      responseLocation("myapp://cb", "fragment", [
        ["access_token", "t"],
        ["state", "a b"],
      ]),
    ).toBe("myapp://cb#access_token=t&state=a+b");
  });
});

describe("user pool domains", () => {
  it("finds the domain a host names", () => {
    expect(domainNameForHost("My-App.Auth.Localhost", "auth.localhost")).toBe("my-app");
    expect(domainNameForHost("my-app.auth.localhost.", "auth.localhost")).toBe("my-app");
    expect(domainNameForHost("a.b.auth.localhost", "auth.localhost")).toBeUndefined();
    expect(domainNameForHost("login.example.com", "auth.localhost")).toBe("login.example.com");
    expect(domainNameForHost("localhost", "auth.localhost")).toBeUndefined();
  });

  it("checks prefix and custom domain names", () => {
    expect(() => checkPrefixDomain("my-app")).not.toThrow();
    for (const bad of ["My-App", "-app", "app-", "a.b", "my-aws-app", "amazon", "cognito1"]) {
      expect(() => checkPrefixDomain(bad), bad).toThrow();
    }
    expect(() => checkCustomDomain("auth.example.com")).not.toThrow();
    for (const bad of ["example", "auth..example.com", "-a.example.com", "Auth.Example.com"]) {
      expect(() => checkCustomDomain(bad), bad).toThrow();
    }
  });
});
