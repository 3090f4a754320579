import type { FloorResults } from "../floors/floor.js";
import { type Measurement, SCENARIOS } from "./measure.js";
import { findMeasurement, type TargetCheck } from "./targets.js";
import type { Backend } from "./types.js";

// The Markdown report (printed and written beside the JSON): machine, floors, every measurement with its
// ratios to the peers and the floors, the scale table, the targets, and (with --profile) the top
// functions of the server's main thread per scenario.

export interface RunInfo {
  date: string;
  mode: string;
  machine: string;
  node: string;
  pinning: string;
  loadAverage: string;
  durationSeconds: number;
  windows: string;
  seedSeconds: Record<string, Record<number, number>>;
  idleRssMb: Partial<Record<Backend, number>>;
  notes: string[];
}

/** Text safe inside a Markdown table cell. */
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const num = (value: number | undefined, digits = 0) =>
  value === undefined || Number.isNaN(value)
    ? "—"
    : value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (value: number | undefined) =>
  value === undefined ? "—" : value < 10 ? value.toFixed(2) : value.toFixed(1);
const users = (count: number) =>
  count >= 1_000_000
    ? `${count / 1_000_000}M`
    : count >= 1000
      ? `${count / 1000}k`
      : count
        ? String(count)
        : "—";

const FLOOR_OF: Partial<Record<string, (backend: Backend) => string>> = {
  a: (backend) => `sign-up ${backend}`,
  b: () => "hash",
  c: () => "srp",
  "d-auth": (backend) => `refresh ${backend}`,
  "d-grant": (backend) => `refresh ${backend}`,
  f: () => "sign",
};

function ratioCells(m: Measurement, all: Measurement[], floors: FloorResults): [string, string, string] {
  const ops = m.peak?.opsPerSec;
  if (m.system !== "cognate" || ops === undefined) return ["", "", ""];
  const versus = (system: Measurement["system"]) => {
    const peer = findMeasurement(all, m.scenario, system, null);
    return peer?.peak && peer.status === "ok" ? `${(ops / peer.peak.opsPerSec).toFixed(2)}×` : "";
  };
  const floorName = FLOOR_OF[m.scenario]?.(m.backend!);
  const floor = floorName ? floors[floorName] : undefined;
  return [
    versus("cognito-local"),
    versus("oidc-provider"),
    floor ? `${((ops / floor.opsPerSec) * 100).toFixed(0)}%` : "",
  ];
}

function measurementRows(all: Measurement[], floors: FloorResults): string[] {
  const rows = [
    "| scenario | system | backend | users | conc | ops/s | p50 ms | p99 ms | p99.9 ms | CPU ms/op: server (main + other) · PostgreSQL | server core: ours / others | peak RSS MB | vs cognito-local | vs oidc-provider | vs floor | half-peak p50 / p99 ms | note |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const m of all) {
    const title = `(${m.scenario}) ${SCENARIOS[m.scenario].title}`;
    const peak = m.peak;
    if (!peak) {
      rows.push(
        `| ${title} | ${m.system} | ${m.backend ?? "—"} | ${users(m.users)} | | | | | | | | | | | | | ${m.status}: ${cell(m.note ?? "")} |`,
      );
      continue;
    }
    const threads = peak.serverThreadsMsPerOp;
    const [local, oidc, floor] = ratioCells(m, all, floors);
    // The load process's own launch lag (p99) shows when a tail is the client's, not the server's.
    const lag = m.half?.launchLag ? ` (load lag p99 ${ms(m.half.launchLag.p99)})` : "";
    const half = m.half ? `${ms(m.half.latency.p50)} / ${ms(m.half.latency.p99)}${lag}` : "";
    const others = m.levels
      .filter((level) => level !== peak)
      .map(
        (level) =>
          `c=${level.concurrency}: ${num(level.opsPerSec)}/s p50 ${ms(level.latency.p50)} p99 ${ms(level.latency.p99)}`,
      )
      .join("; ");
    const note = [
      m.status === "ok" ? "" : `${m.status}: ${m.note ?? ""}`,
      peak.errors > 0 && m.status === "ok"
        ? `${peak.errors} failed ops (${(peak.firstError ?? "").slice(0, 120)})`
        : "",
      peak.loadUtilisation > 0.9 ? "load core saturated" : "",
      others,
    ]
      .filter(Boolean)
      .join("; ");
    rows.push(
      `| ${title} | ${m.system} | ${m.backend ?? "—"} | ${users(m.users)} | ${peak.concurrency} | ${num(peak.opsPerSec)} | ${ms(peak.latency.p50)} | ${ms(peak.latency.p99)} | ${ms(peak.latency.p999)} | ${ms(peak.serverCpuMsPerOp)} (${ms(threads.main)} + ${ms(threads["other threads"])})${peak.databaseCpuMsPerOp > 0 ? ` · ${ms(peak.databaseCpuMsPerOp)}` : ""} | ${num(peak.serverUtilisation * 100)}% / ${num(peak.serverCoreOthers * 100)}% | ${num(m.peakRssMb)} | ${local} | ${oidc} | ${floor} | ${half} | ${cell(note)} |`,
    );
  }
  return rows;
}

function scaleRows(all: Measurement[]): string[] {
  const scaled = all.filter((m) => m.system === "cognate" && ["b", "e", "h"].includes(m.scenario));
  const counts = [...new Set(scaled.map((m) => m.users))].sort((a, b) => a - b);
  if (counts.length < 2) return [];
  const rows = [
    `| scenario | backend | ${counts.map((count) => `${users(count)}: ops/s · p99 (half peak) · CPU ms/op · RSS`).join(" | ")} |`,
    `|---|---|${counts.map(() => "---|").join("")}`,
  ];
  const keys = [...new Set(scaled.map((m) => `${m.scenario}|${m.backend}`))];
  for (const key of keys) {
    const [scenario, backend] = key.split("|");
    const cells = counts.map((count) => {
      const m = scaled.find((x) => x.scenario === scenario && x.backend === backend && x.users === count);
      if (!m?.peak) return m ? m.status : "";
      return `${num(m.peak.opsPerSec)} · ${ms(m.half?.latency.p99)} ms · ${ms(m.peak.serverCpuMsPerOp)} · ${num(m.peakRssMb)} MB`;
    });
    rows.push(
      `| (${scenario}) ${SCENARIOS[scenario as keyof typeof SCENARIOS].title} | ${backend} | ${cells.join(" | ")} |`,
    );
  }
  return rows;
}

function profileSections(all: Measurement[]): string[] {
  const lines: string[] = [];
  for (const m of all) {
    if (!m.profile) continue;
    lines.push(
      "",
      `#### (${m.scenario}) ${SCENARIOS[m.scenario].title}, ${m.backend ?? m.system}, ${users(m.users)} users`,
      "",
      `Main thread: ${num(m.profile.busyMs)} ms sampled busy of ${num(m.profile.mainCpuMs)} ms CPU; profile \`${m.profile.file}\`.`,
      "",
      "| self % | self ms | function | where | | function, inclusive (src/ and libraries) | incl. % | where |",
      "|---|---|---|---|---|---|---|---|",
      ...m.profile.top.map((t, i) => {
        const c = m.profile?.inclusive[i];
        const inclusive = c ? `${c.name} | ${(c.selfShare * 100).toFixed(1)} | ${c.where}` : " | | ";
        return `| ${(t.selfShare * 100).toFixed(1)} | ${num(t.selfMs)} | ${t.name} | ${t.where} | | ${inclusive} |`;
      }),
    );
  }
  return lines.length === 0
    ? []
    : [
        "",
        "### Profiles (server main thread, self time)",
        "",
        "On one core the libuv pool threads (argon2, WebCrypto RSA) preempt the main thread; the sampler charges that time to the frame that was running, usually the crypto job's `run`. Sampled busy time also counts blocking waits (SQLite's fsync in `run`/`commitTransaction`).",
        ...lines,
      ];
}

/** Targets use the floors from the start of the run; the end column shows how much the core drifted. */
function floorRows(floors: FloorResults, atEnd: FloorResults | undefined): string[] {
  if (!atEnd) {
    return [
      "| floor | what | ops/s | ms/op |",
      "|---|---|---|---|",
      ...Object.entries(floors).map(
        ([name, floor]) => `| ${name} | ${floor.what} | ${num(floor.opsPerSec)} | ${ms(floor.msPerOp)} |`,
      ),
    ];
  }
  return [
    "| floor | what | ops/s | ms/op | at the end of the run: ops/s (change) |",
    "|---|---|---|---|---|",
    ...Object.entries(floors).map(([name, floor]) => {
      const end = atEnd[name];
      const change = end
        ? ` (${end.opsPerSec >= floor.opsPerSec ? "+" : ""}${(((end.opsPerSec - floor.opsPerSec) / floor.opsPerSec) * 100).toFixed(0)}%)`
        : "";
      return `| ${name} | ${floor.what} | ${num(floor.opsPerSec)} | ${ms(floor.msPerOp)} | ${end ? num(end.opsPerSec) : "—"}${change} |`;
    }),
  ];
}

export function renderMarkdown(input: {
  info: RunInfo;
  floors: FloorResults;
  /** The same floors measured again after the last scenario (full runs): how far the core drifted. */
  floorsAtEnd?: FloorResults;
  measurements: Measurement[];
  targets: TargetCheck[];
}): string {
  const { info, floors, floorsAtEnd, measurements, targets } = input;
  const met = targets.filter((t) => t.verdict === "met").length;
  const missed = targets.filter((t) => t.verdict === "missed").length;
  const lines = [
    `# Cognate benchmark, ${info.date} (${info.mode})`,
    "",
    `Machine: ${info.machine}; ${info.node}. ${info.pinning} Load average at start: ${info.loadAverage}. Windows: ${info.windows}. Took ${num(info.durationSeconds)} s.`,
    "",
    `Idle RSS: ${Object.entries(info.idleRssMb)
      .map(([backend, mb]) => `${backend} ${num(mb)} MB`)
      .join(", ")}. Seeding: ${Object.entries(info.seedSeconds)
      .map(
        ([backend, steps]) =>
          `${backend} ${Object.entries(steps)
            .map(([count, s]) => `${users(Number(count))} in ${s.toFixed(1)} s`)
            .join(", ")}`,
      )
      .join("; ")}.`,
    "",
    `## Targets: ${met} met, ${missed} missed, ${targets.length - met - missed} not measured`,
    "",
    "| target | backend | measured | verdict | note |",
    "|---|---|---|---|---|",
    ...targets.map(
      (t) =>
        `| ${t.target} | ${t.backend ?? "—"} | ${t.measured} | ${t.verdict === "met" ? "met" : t.verdict === "missed" ? "**missed**" : "not measured"} | ${cell(t.note ?? "")} |`,
    ),
    "",
    "## Physical floors (same run, pinned to the server core)",
    "",
    ...floorRows(floors, floorsAtEnd),
    "",
    "## Scenarios (peak over the concurrency levels; ratios are ops/s at peak)",
    "",
    ...measurementRows(measurements, floors),
    ...(scaleRows(measurements).length > 0 ? ["", "## Scale", "", ...scaleRows(measurements)] : []),
    ...profileSections(measurements),
    ...(info.notes.length > 0 ? ["", "## Notes", "", ...info.notes.map((note) => `- ${note}`)] : []),
    "",
  ];
  return lines.join("\n");
}
