import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  COMPATIBILITY_DOC_PATH,
  renderCompatibilityDoc,
  USER_POOL_AREAS,
} from "../../scripts/gen-compatibility.js";
import {
  COGNITO_IDP_ACTION_NAMES,
  UNSIGNED_COGNITO_IDP_ACTIONS,
} from "../../src/http/cognito-json/cognito-idp-actions.js";
import { USER_POOL_ACTIONS } from "../../src/http/cognito-json/user-pools.actions.js";

describe("docs/compatibility.md", () => {
  it("is what `npm run docs:compat` generates from the action table (run it after changing the table)", () => {
    const committed = readFileSync(COMPATIBILITY_DOC_PATH, "utf8");
    expect(committed, "docs/compatibility.md is stale: run `npm run docs:compat`").toBe(
      renderCompatibilityDoc(),
    );
  });

  it("lists each of the 140 actions once, with its status and whether it is signed", () => {
    const rows = new Map<string, string[]>();
    for (const line of renderCompatibilityDoc().split("\n")) {
      const match = /^\| ([A-Za-z]+) +\| (supported|partial|missing) +\| (signed|public) +\|/.exec(line);
      if (!match) continue;
      expect(rows.has(match[1]!), `${match[1]} listed twice`).toBe(false);
      rows.set(match[1]!, [match[2]!, match[3]!]);
    }
    expect(COGNITO_IDP_ACTION_NAMES).toHaveLength(140);
    expect([...rows.keys()].sort()).toEqual([...COGNITO_IDP_ACTION_NAMES].sort());
    for (const action of COGNITO_IDP_ACTION_NAMES) {
      const auth = UNSIGNED_COGNITO_IDP_ACTIONS.has(action) ? "public" : "signed";
      expect(rows.get(action)).toEqual([USER_POOL_ACTIONS[action].status, auth]);
    }
    expect(rows.get("InitiateAuth")?.[1]).toBe("public");
    expect(rows.get("AdminInitiateAuth")?.[1]).toBe("signed");
  });

  it("states the totals and groups the actions into the reference's areas", () => {
    const statuses = Object.values(USER_POOL_ACTIONS).map((definition) => definition.status);
    const count = (status: string) => statuses.filter((candidate) => candidate === status).length;
    expect(renderCompatibilityDoc()).toContain(
      `**${count("supported")} supported, ${count("partial")} partial, ${count("missing")} missing** of 140 actions.`,
    );
    expect(USER_POOL_AREAS).toHaveLength(18);
    expect(USER_POOL_AREAS.reduce((sum, [, actions]) => sum + actions.length, 0)).toBe(140);
    for (const [area] of USER_POOL_AREAS) expect(renderCompatibilityDoc()).toContain(`\n### ${area}\n`);
  });
});
