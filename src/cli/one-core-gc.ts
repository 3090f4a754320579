import { availableParallelism } from "node:os";

// docs/configuration.md, "Running on one core": V8's GC helper threads can only take turns with the
// server's own thread on one core, so `--single-threaded-gc` shortens pauses there. V8 accepts the flag
// only on node's command line, so the server can only advise it.

/** The advice to log at start, or undefined when the process may use more cores or already has the flag. */
export function oneCoreGcAdvice(
  cores = availableParallelism(),
  nodeArguments: readonly string[] = process.execArgv,
): string | undefined {
  if (cores !== 1 || nodeArguments.includes("--single-threaded-gc")) return undefined;
  return "one CPU core: node --single-threaded-gc keeps GC pauses shorter (docs/configuration.md)";
}
