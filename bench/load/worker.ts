import { createHttp } from "../lib/http.js";
import type { WorkerCommand, WorkerReply } from "../lib/types.js";
import { runLoad } from "./engine.js";
import { makeOperation } from "./operations.js";
import { createSrpClient, type SrpClient } from "./srp-client.js";

// The load process: started by bench/run.ts pinned to its own core, it runs one load at a time on
// request (IPC) and answers with the measured result.

const SRP_HELPERS = 8;
const srpClients = new Map<string, SrpClient>();
const srpClientFor = (poolId: string) => {
  let client = srpClients.get(poolId);
  if (!client) {
    client = createSrpClient(poolId, SRP_HELPERS);
    srpClients.set(poolId, client);
  }
  return client;
};

async function handle(command: WorkerCommand): Promise<WorkerReply> {
  if (command.type === "check") {
    const http = createHttp(command.origin, 1);
    try {
      const sample = await makeOperation(command.spec, http, srpClientFor).once();
      return { id: command.id, ok: true, sample };
    } finally {
      await http.close();
    }
  }
  const { request } = command;
  const connections =
    request.mode.type === "closed" ? request.mode.concurrency : Math.max(1, request.mode.maxInFlight);
  const http = createHttp(request.origin, connections);
  try {
    const { op } = makeOperation(request.spec, http, srpClientFor);
    const result = await runLoad({
      op,
      mode: request.mode,
      warmupMs: request.warmupMs,
      measureMs: request.measureMs,
      serverPid: request.serverPid,
      serverCore: request.serverCore,
      databasePids: request.databasePids,
      abandon: () => http.destroy(),
    });
    return { id: command.id, ok: true, result };
  } finally {
    await http.close().catch(() => {});
  }
}

process.on("message", (command: WorkerCommand) => {
  handle(command).then(
    (reply) => process.send?.(reply),
    (error: unknown) =>
      process.send?.({
        id: command.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      } satisfies WorkerReply),
  );
});
process.on("disconnect", () => process.exit(0));
process.send?.({ id: 0, ok: true } satisfies WorkerReply);
