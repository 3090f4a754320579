import { WebSocket } from "undici";

// CPU profiles of the server under one scenario's load, through the inspector (the server runs with
// --inspect when the bench is asked to --profile), and a summary of where its main thread spent its time.
// Argon2 and WebCrypto run on libuv pool threads, which a V8 profile does not see: compare the summary's
// total with the main thread's CPU time from /proc.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface TopFunction {
  name: string;
  where: string;
  selfMs: number;
  /** Share of the main thread's non-idle sampled time. */
  selfShare: number;
}

export class InspectorSession {
  private nextId = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
      if (message.id !== undefined) {
        this.waiting.get(message.id)?.(message.result);
        this.waiting.delete(message.id);
      }
    });
  }

  static async connect(port: number): Promise<InspectorSession> {
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
      webSocketDebuggerUrl: string;
    }[];
    const socket = new WebSocket(targets[0]!.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => {
      socket.addEventListener("open", resolve, { once: true });
      socket.addEventListener("error", reject, { once: true });
    });
    return new InspectorSession(socket);
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Profiles the main thread while `during` runs. */
  async profile<T>(during: () => Promise<T>): Promise<{ profile: CpuProfile; result: T }> {
    await this.send("Profiler.enable");
    await this.send("Profiler.setSamplingInterval", { interval: 200 });
    await this.send("Profiler.start");
    const result = await during();
    const stopped = (await this.send("Profiler.stop")) as { profile: CpuProfile };
    await this.send("Profiler.disable");
    return { profile: stopped.profile, result };
  }

  close(): void {
    this.socket.close();
  }
}

/** Source location relative to the repository (the build mirrors src/ under bench/.build/dist). */
const BUILD_MARK = "/bench/.build/dist/";

function shortUrl(url: string): string {
  const built = url.indexOf(BUILD_MARK);
  if (built >= 0) return `src/${url.slice(built + BUILD_MARK.length).replace(/\.js$/, ".ts")}`;
  const modules = url.lastIndexOf("/node_modules/");
  if (modules >= 0) return url.slice(modules + "/node_modules/".length);
  return url.replace(/^file:\/\//, "");
}

export function topFunctions(profile: CpuProfile, limit = 12): TopFunction[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const byFunction = new Map<string, { name: string; where: string; us: number }>();
  let busyUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byNode.get(id)!.callFrame;
    if (frame.functionName === "(idle)") continue;
    busyUs += us;
    const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : "";
    const name = frame.functionName || "(anonymous)";
    const key = `${name}@${where}`;
    const entry = byFunction.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    byFunction.set(key, entry);
  }
  return [...byFunction.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, limit)
    .map((entry) => ({
      name: entry.name,
      where: entry.where,
      selfMs: entry.us / 1000,
      selfShare: busyUs === 0 ? 0 : entry.us / busyUs,
    }));
}

/**
 * Functions of Cognate (src/) and its libraries by inclusive time: what each costs with everything it
 * calls synchronously (async continuations start a new stack). Self time alone mostly names natives
 * (`run`, `Statement`, `writev`); this says which step pays for them.
 */
export function topInclusive(profile: CpuProfile, limit = 12): TopFunction[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const totals = new Map<string, { name: string; where: string; us: number }>();
  let busyUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const leaf = byNode.get(profile.samples[i]!)!;
    if (leaf.callFrame.functionName === "(idle)") continue;
    const us = profile.timeDeltas[i] ?? 0;
    busyUs += us;
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const frame = byNode.get(id)!.callFrame;
      if (!frame.url.includes(BUILD_MARK) && !frame.url.includes("/node_modules/")) continue;
      const where = `${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
      const name = frame.functionName || "(anonymous)";
      const key = `${name}@${where}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = totals.get(key) ?? { name, where, us: 0 };
      entry.us += us;
      totals.set(key, entry);
    }
  }
  return [...totals.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, limit)
    .map((entry) => ({
      name: entry.name,
      where: entry.where,
      selfMs: entry.us / 1000,
      selfShare: busyUs === 0 ? 0 : entry.us / busyUs,
    }));
}

/** Non-idle sampled milliseconds of the main thread. */
export function busyMs(profile: CpuProfile): number {
  const idle = new Set(
    profile.nodes.filter((node) => node.callFrame.functionName === "(idle)").map((n) => n.id),
  );
  let us = 0;
  for (let i = 0; i < profile.samples.length; i++)
    if (!idle.has(profile.samples[i]!)) us += profile.timeDeltas[i] ?? 0;
  return us / 1000;
}
