import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// `cognate serve` holds V8's young generation at its first size while its modules load (idle RSS about
// 11 MB lower) and releases it once listening. This runs the helper in a fresh Node process, because it
// changes process-wide V8 flags, and checks that V8 honours the flag both ways.

const helper = fileURLToPath(new URL("../../src/cli/young-generation.ts", import.meta.url));

const script = `
import { getHeapSpaceStatistics } from "node:v8";
import { holdYoungGenerationGrowth } from ${JSON.stringify(helper)};
const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size;
const kept = [];
const allocateSurvivors = () => { for (let i = 0; i < 300000; i++) kept.push({ i, text: "v" + i }); };
const first = newSpace();
const release = holdYoungGenerationGrowth();
allocateSurvivors();
const held = newSpace();
release();
release();
allocateSurvivors();
allocateSurvivors();
console.log(JSON.stringify({ first, held, released: newSpace() }));
`;

describe("holdYoungGenerationGrowth", () => {
  it("keeps the young generation at its first size until released, then lets it grow", () => {
    const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
    });
    const sizes = JSON.parse(output) as { first: number; held: number; released: number };
    expect(sizes.held).toBe(sizes.first);
    expect(sizes.released).toBeGreaterThanOrEqual(4 * sizes.first);
  });
});
