import { describe, expect, it } from "vitest";
import { COGNITO_IDP_ACTION_NAMES } from "../../src/http/cognito-json/cognito-idp-actions.js";
import { ProtocolError } from "../../src/http/cognito-json/errors.js";
import model from "../../src/http/cognito-json/model/cognito-idp.model.json" with { type: "json" };
import { compilePattern } from "../../src/http/cognito-json/model/compile-model.js";
import { outcome, POOL, validate } from "./validate-input-fixture.js";

describe("cognito-idp input validation: model coverage and cost", () => {
  it("models the input of every one of the 140 actions", () => {
    expect(Object.keys(model.actions).sort()).toEqual([...COGNITO_IDP_ACTION_NAMES].sort());
    expect(COGNITO_IDP_ACTION_NAMES).toHaveLength(140);
    for (const action of COGNITO_IDP_ACTION_NAMES) {
      expect(() => validate(action, {}), action).not.toThrow(ProtocolError);
    }
  });

  it("removes null members and null map values, so handlers never see them", () => {
    const input: Record<string, unknown> = { UserPoolId: POOL, CSS: null, ClientId: null };
    validate("SetUICustomization", input);
    expect(input).toEqual({ UserPoolId: POOL });
    const challenge: Record<string, unknown> = {
      ClientId: "1example23456789",
      ChallengeName: "PASSWORD_VERIFIER",
      ChallengeResponses: { USERNAME: "u", DEVICE_KEY: null },
    };
    validate("RespondToAuthChallenge", challenge);
    expect(challenge.ChallengeResponses).toEqual({ USERNAME: "u" });
  });

  it("compiles Java-only pattern syntax instead of failing: (?s) becomes the s flag", () => {
    const pattern = compilePattern("^(?s)");
    expect(pattern.regex?.flags).toContain("s");
    expect(pattern.display).toBe("(?s)");
  });

  it("keeps backtracking patterns fast on hostile input (EmailAddressType)", () => {
    const started = performance.now();
    const result = outcome("CreateUserPool", {
      PoolName: "p",
      EmailConfiguration: { ReplyToEmailAddress: `${"@".repeat(500_000)} ` },
    });
    expect(performance.now() - started).toBeLessThan(500);
    expect(result).not.toBe("ok");
  });
});
