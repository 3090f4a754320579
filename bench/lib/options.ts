import type { Backend } from "./types.js";

// Command-line options of `npm run bench`. Quick mode is the CI smoke test (under 3 minutes, about 2 here):
// one concurrency level, 1 s windows, 10k users. The full run adds levels, longer windows and 100k/1M users.

export interface BenchOptions {
  mode: "quick" | "full";
  backends: Backend[];
  /** Scenario ids to run (a, b, c, d, e, f, g, h); all when empty. */
  only: string[];
  peers: boolean;
  /** Profile the server's main thread under each Cognate scenario (an extra run; adds time). */
  profile: boolean;
  warmupMs: number;
  measureMs: number;
  /** Closed-loop concurrency levels for light operations and for argon2/SRP-bound ones. */
  levels: { light: number[]; heavy: number[] };
  /** Users in the pool for each scale step; the first is the base population for every scenario. */
  scales: number[];
  floorMs: number;
  /** Users signed in during setup, whose tokens the token scenarios reuse. */
  tokenUsers: number;
  /** Users with their own SRP verifier (scenario c). */
  srpUsers: number;
  outDir: string;
  /** Wait up to this many seconds for the machine's 1-minute load average to drop below 0.7 first. */
  waitQuietSeconds: number;
  /** Cognate's sources to build and measure (default src/): another tree, for before/after comparisons. */
  srcDir: string;
  floors: boolean;
}

const HELP = `npm run bench -- [--quick] [--only a,b,…] [--backends sqlite,postgres] [--no-peers] [--profile]
  [--scales 10000,100000,1000000] [--measure-ms N] [--out DIR] [--wait-quiet SECONDS] [--src DIR] [--no-floors]`;

function list(value: string | undefined, flag: string): string[] {
  if (!value) throw new Error(`${flag} needs a value\n${HELP}`);
  return value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

export function parseOptions(argv: string[]): BenchOptions {
  const quick = argv.includes("--quick");
  const options: BenchOptions = quick
    ? {
        mode: "quick",
        backends: ["sqlite", "postgres"],
        only: [],
        peers: true,
        profile: false,
        warmupMs: 300,
        measureMs: 1000,
        levels: { light: [32], heavy: [8] },
        scales: [10_000],
        floorMs: 800,
        tokenUsers: 8,
        srpUsers: 16,
        outDir: "bench/results",
        waitQuietSeconds: 0,
        srcDir: "src",
        floors: true,
      }
    : {
        mode: "full",
        backends: ["sqlite", "postgres"],
        only: [],
        peers: true,
        profile: false,
        warmupMs: 1000,
        measureMs: 4000,
        levels: { light: [16, 64], heavy: [4, 16] },
        scales: [10_000, 100_000, 1_000_000],
        floorMs: 3000,
        tokenUsers: 16,
        srpUsers: 32,
        outDir: "bench/results",
        waitQuietSeconds: 0,
        srcDir: "src",
        floors: true,
      };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const next = () => argv[++i];
    switch (flag) {
      case "--quick":
        break;
      case "--only":
        options.only = list(next(), flag);
        break;
      case "--backends":
        options.backends = list(next(), flag).map((backend) => {
          if (backend !== "sqlite" && backend !== "postgres") throw new Error(`unknown backend ${backend}`);
          return backend;
        });
        break;
      case "--no-peers":
        options.peers = false;
        break;
      case "--profile":
        options.profile = true;
        break;
      case "--scales":
        options.scales = list(next(), flag).map(Number);
        break;
      case "--measure-ms":
        options.measureMs = Number(next());
        break;
      case "--wait-quiet":
        options.waitQuietSeconds = Number(next());
        break;
      case "--src":
        options.srcDir = next() ?? options.srcDir;
        break;
      case "--no-floors":
        options.floors = false;
        break;
      case "--out":
        options.outDir = next() ?? options.outDir;
        break;
      case "--help":
        process.stdout.write(`${HELP}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag}\n${HELP}`);
    }
  }
  return options;
}

export const wants = (options: BenchOptions, id: string) =>
  options.only.length === 0 || options.only.includes(id.charAt(0));
