import { describe, expect, it } from "vitest";
import { constantTimeEqual } from "../../src/app/user-pools/client-secrets.js";
import { matchesActiveClientSecret } from "../../src/domain/user-pool-client/client-secret-match.js";

describe("matching a presented client secret", () => {
  it("accepts either active secret during a rotation", () => {
    expect(matchesActiveClientSecret("old", ["old", "new"], constantTimeEqual)).toBe(true);
    expect(matchesActiveClientSecret("new", ["old", "new"], constantTimeEqual)).toBe(true);
    expect(matchesActiveClientSecret("other", ["old", "new"], constantTimeEqual)).toBe(false);
  });

  it("compares against every active secret, whatever matched first", () => {
    const compared: string[] = [];
    const spy = (presented: string, active: string) => {
      compared.push(active);
      return constantTimeEqual(presented, active);
    };
    expect(matchesActiveClientSecret("first", ["first", "second"], spy)).toBe(true);
    expect(compared).toEqual(["first", "second"]);
  });

  it("never matches without secrets, or with an empty presented secret", () => {
    expect(matchesActiveClientSecret("anything", [], constantTimeEqual)).toBe(false);
    expect(matchesActiveClientSecret("", [""], constantTimeEqual)).toBe(false);
  });

  it("compares secrets of different lengths without throwing", () => {
    expect(constantTimeEqual("short", "a much longer secret value")).toBe(false);
    expect(constantTimeEqual("same", "same")).toBe(true);
    expect(constantTimeEqual("Same", "same")).toBe(false);
  });
});
