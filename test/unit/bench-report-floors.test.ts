import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../bench/lib/report.js";

const info = {
  date: "2026-11-27T00-00-00",
  mode: "full",
  machine: "test CPU, 2 cores",
  node: "Node v20",
  pinning: "Not pinned.",
  loadAverage: "0.00 0.00 0.00",
  durationSeconds: 1,
  windows: "w",
  seedSeconds: {},
  idleRssMb: {},
  notes: [],
};
const floors = {
  sign: { opsPerSec: 1000, msPerOp: 1, what: "1 RS256" },
  hash: { opsPerSec: 40, msPerOp: 25, what: "argon2id" },
};

describe("the benchmark report's floors", () => {
  it("shows the floors measured again at the end of the run, with the change", () => {
    const markdown = renderMarkdown({
      info,
      floors,
      floorsAtEnd: { sign: { opsPerSec: 850, msPerOp: 1.18, what: "1 RS256" } },
      measurements: [],
      targets: [],
    });
    expect(markdown).toContain("| floor | what | ops/s | ms/op | at the end of the run: ops/s (change) |");
    expect(markdown).toContain("| sign | 1 RS256 | 1,000 | 1.00 | 850 (-15%) |");
    expect(markdown).toContain("| hash | argon2id | 40 | 25.0 | — |");
  });

  it("keeps the four-column table when the floors were measured once", () => {
    const markdown = renderMarkdown({ info, floors, measurements: [], targets: [] });
    expect(markdown).toContain(
      "| floor | what | ops/s | ms/op |\n|---|---|---|---|\n| sign | 1 RS256 | 1,000 | 1.00 |",
    );
    expect(markdown).not.toContain("at the end of the run");
  });
});
