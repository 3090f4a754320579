import type { ChildProcess } from "node:child_process";
import { spawnPinned, stopChild } from "./processes.js";
import type { LoadResult, OpSpec, RunRequest, WorkerCommand, WorkerReply } from "./types.js";

// The orchestrator's handle on the load process (bench/load/worker.ts, pinned to the load core).

type Pending = { resolve: (reply: WorkerReply) => void };
type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

export class LoadClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private constructor(private readonly child: ChildProcess) {
    child.on("message", (reply: WorkerReply) => {
      this.pending.get(reply.id)?.resolve(reply);
      this.pending.delete(reply.id);
    });
    child.once("exit", (code) => {
      for (const waiting of this.pending.values()) {
        waiting.resolve({ id: 0, ok: false, error: `the load process exited (${code})` });
      }
      this.pending.clear();
    });
  }

  static start(core: number): Promise<LoadClient> {
    const child = spawnPinned({
      core,
      nodeArgs: [
        // For diagnosis only, like COGNATE_BENCH_SERVER_NODE_ARGS; never set by a reported run.
        ...(process.env.COGNATE_BENCH_LOAD_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
        "--import",
        "tsx",
        "bench/load/worker.ts",
      ],
      ipc: true,
      stdout: "inherit",
    });
    return new Promise((resolve, reject) => {
      child.once("message", () => resolve(new LoadClient(child)));
      child.once("exit", (code) => reject(new Error(`the load process exited at start (${code})`)));
    });
  }

  private send(command: WithoutId<WorkerCommand>): Promise<WorkerReply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      this.child.send({ ...command, id });
    });
  }

  async run(request: RunRequest): Promise<LoadResult> {
    const reply = await this.send({ type: "run", request });
    if (!reply.ok) throw new Error(reply.error);
    if (!reply.result) throw new Error("the load process sent no result");
    return reply.result;
  }

  /** Runs the operation once and returns a sample of its answer; throws what the op threw. */
  async check(origin: string, spec: OpSpec): Promise<string> {
    const reply = await this.send({ type: "check", origin, spec });
    if (!reply.ok) throw new Error(reply.error);
    return reply.sample ?? "";
  }

  stop(): Promise<void> {
    this.child.disconnect();
    return stopChild(this.child, 3000);
  }
}
