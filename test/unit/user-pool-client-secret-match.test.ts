import { describe, expect, it } from "vitest";
import {
  constantTimeEqual,
  sealClientSecret,
  verifyClientSecret,
} from "../../src/app/user-pools/client-secrets.js";
import { matchesActiveClientSecret } from "../../src/domain/user-pool-client/client-secret-match.js";
import type { StoredClientSecret } from "../../src/domain/user-pool-client/user-pool-client.js";
import type { StorageRepositories } from "../../src/ports/storage.js";

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

describe("verifying a presented client secret against stored ones", () => {
  // A reversible box that counts how often a secret is opened.
  const countingBox = () => {
    const box = {
      opened: 0,
      seal: (plaintext: string, purpose: string) => `${purpose}|${plaintext}|${Math.random()}`,
      open(sealed: string) {
        box.opened++;
        return sealed.split("|")[1] ?? "";
      },
    };
    return box;
  };
  const setup = () => {
    const secretBox = countingBox();
    const stored: StoredClientSecret[] = [];
    const add = (value: string) =>
      stored.push(
        sealClientSecret(secretBox, "client1", value, new Date(Date.UTC(2026, 0, stored.length + 1))),
      );
    const verify = verifyClientSecret({
      secretBox,
      storage: {
        userPoolClients: {
          listClientSecrets: async () => [...stored],
        } as unknown as StorageRepositories["userPoolClients"],
      },
    });
    return { secretBox, stored, add, verify };
  };

  it("opens each stored secret once, then checks later requests against its digest", async () => {
    const { secretBox, add, verify } = setup();
    add("first-secret");
    expect(await verify("client1", "first-secret")).toBe(true);
    expect(await verify("client1", "wrong-secret")).toBe(false);
    expect(await verify("client1", "first-secret")).toBe(true);
    expect(secretBox.opened).toBe(1);

    // A rotation adds a second secret: only that one is opened, and either works.
    add("second-secret");
    expect(await verify("client1", "second-secret")).toBe(true);
    expect(await verify("client1", "first-secret")).toBe(true);
    expect(secretBox.opened).toBe(2);
  });

  it("stops accepting a secret once it is no longer stored, and never accepts an empty one", async () => {
    const { stored, add, verify } = setup();
    add("kept-secret");
    add("removed-secret");
    expect(await verify("client1", "removed-secret")).toBe(true);
    stored.pop();
    expect(await verify("client1", "removed-secret")).toBe(false);
    expect(await verify("client1", "kept-secret")).toBe(true);
    expect(await verify("client1", "")).toBe(false);
  });
});
