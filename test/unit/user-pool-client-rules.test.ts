import { describe, expect, it } from "vitest";
import { permittedAttributeNames } from "../../src/domain/user-pool-client/attribute-permissions.js";
import { checkRedirectUrl } from "../../src/domain/user-pool-client/callback-url-rules.js";
import {
  buildClientSettings,
  type ClientContext,
} from "../../src/domain/user-pool-client/client-defaults.js";
import {
  effectiveExplicitAuthFlows,
  resolveExplicitAuthFlows,
} from "../../src/domain/user-pool-client/explicit-auth-flows.js";
import {
  resolveTokenValidity,
  tokenLifetimesInSeconds,
} from "../../src/domain/user-pool-client/token-validity.js";

const context: ClientContext = {
  operation: "create",
  userPoolId: "us-east-1_abc",
  permittedAttributes: permittedAttributeNames(undefined),
  knownIdentityProviders: ["COGNITO"],
  hasClientSecret: false,
};

describe("app client rules", () => {
  it("accepts https, loopback http and app schemes; refuses the rest", () => {
    for (const ok of [
      "https://a.example/x?y=1",
      "http://localhost",
      "http://localhost:1234/cb",
      "http://127.0.0.1/x",
      "myapp://cb",
    ]) {
      expect(() => checkRedirectUrl(ok)).not.toThrow();
    }
    expect(() => checkRedirectUrl("http://10.0.0.1/cb")).toThrow(
      "http://10.0.0.1/cb cannot use the HTTP protocol.",
    );
    expect(() => checkRedirectUrl("https://")).toThrow("https:// is not a valid URL.");
    expect(() => checkRedirectUrl("/relative")).toThrow("/relative is not a valid URL.");
    expect(() => checkRedirectUrl("myapp://cb#frag")).toThrow("myapp://cb#frag cannot use fragment");
  });

  it("derives the attributes a client may name from the pool schema", () => {
    const names = permittedAttributeNames([
      { Name: "email", AttributeDataType: "String" },
      { Name: "custom:tier", AttributeDataType: "String" },
      { Name: "dev:custom:secret", AttributeDataType: "String", DeveloperOnlyAttribute: true },
      { Name: "plan", AttributeDataType: "String" },
      "not an attribute",
    ]);
    expect([...names].sort()).toEqual(["custom:plan", "custom:tier", "dev:custom:secret", "email"]);
    expect(permittedAttributeNames(undefined).has("custom:tier")).toBe(false);
    expect(permittedAttributeNames(undefined).has("phone_number_verified")).toBe(true);
  });

  it("defaults flows on create, clears them on update, and reports the flows in effect", () => {
    expect(resolveExplicitAuthFlows(undefined, "create")).toEqual([
      "ALLOW_CUSTOM_AUTH",
      "ALLOW_REFRESH_TOKEN_AUTH",
      "ALLOW_USER_SRP_AUTH",
    ]);
    expect(resolveExplicitAuthFlows([], "update")).toBeUndefined();
    expect(effectiveExplicitAuthFlows(undefined)).toContain("ALLOW_USER_SRP_AUTH");
    expect(resolveExplicitAuthFlows(["CUSTOM_AUTH_FLOW_ONLY"], "create")).toEqual(["CUSTOM_AUTH_FLOW_ONLY"]);
  });

  it("converts token lifetimes to seconds with Cognito's default units", () => {
    const validity = resolveTokenValidity({
      AccessTokenValidity: 2,
      IdTokenValidity: 90,
      TokenValidityUnits: { IdToken: "minutes" },
    });
    expect(tokenLifetimesInSeconds(validity)).toEqual({ access: 7200, id: 5400, refresh: 30 * 86400 });
    expect(tokenLifetimesInSeconds(resolveTokenValidity({}))).toEqual({
      access: 3600,
      id: 3600,
      refresh: 2592000,
    });
  });

  it("keeps the refresh lifetime, value and unit, when an update leaves it out", () => {
    const previous = resolveTokenValidity({
      RefreshTokenValidity: 90,
      TokenValidityUnits: { RefreshToken: "minutes" },
    });
    expect(resolveTokenValidity({}, previous)).toEqual({
      RefreshTokenValidity: 90,
      TokenValidityUnits: { RefreshToken: "minutes" },
    });
    expect(resolveTokenValidity({ RefreshTokenValidity: 2 }, previous)).toEqual({
      RefreshTokenValidity: 2,
      TokenValidityUnits: {},
    });
  });

  it("builds Cognito's default settings for a bare client", () => {
    expect(buildClientSettings({ ClientName: "bare" }, context)).toEqual({
      ClientName: "bare",
      RefreshTokenValidity: 30,
      TokenValidityUnits: {},
      ExplicitAuthFlows: ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"],
      AllowedOAuthFlowsUserPoolClient: false,
      EnableTokenRevocation: true,
      EnablePropagateAdditionalUserContextData: false,
      AuthSessionValidity: 3,
    });
  });

  it("an update keeps the name, refresh lifetime, revocation and session validity, and resets the rest", () => {
    const previous = buildClientSettings(
      {
        ClientName: "old",
        RefreshTokenValidity: 5,
        EnableTokenRevocation: false,
        AuthSessionValidity: 9,
        PreventUserExistenceErrors: "ENABLED",
        ReadAttributes: ["email"],
      },
      context,
    );
    const updated = buildClientSettings({}, { ...context, operation: "update", previous });
    expect(updated).toEqual({
      ClientName: "old",
      RefreshTokenValidity: 5,
      TokenValidityUnits: {},
      AllowedOAuthFlowsUserPoolClient: false,
      EnableTokenRevocation: false,
      EnablePropagateAdditionalUserContextData: false,
      AuthSessionValidity: 9,
    });
  });
});
