import type { Command } from "commander";
import { CONFIG_VARIABLES } from "../../config/config.js";
import { startServer } from "../../main.js";
import { loadConfigOrExit } from "../context.js";
import { oneCoreGcAdvice } from "../one-core-gc.js";

export interface ServeOptions {
  /** Called once the server listens (the CLI then lets V8's young generation grow again). */
  onListening?: () => void;
}

export function registerServe(program: Command, options: ServeOptions = {}): void {
  program
    .command("serve")
    .description("Serve the Cognito APIs (what `npm start` runs).")
    .addHelpText(
      "after",
      `\nConfiguration comes from environment variables:\n${Object.values(CONFIG_VARIABLES)
        .map((name) => `  ${name}`)
        .join("\n")}\nSee the README for their meaning and defaults.`,
    )
    .action(async () => {
      const config = loadConfigOrExit();
      const server = await startServer(config);
      const advice = oneCoreGcAdvice();
      if (advice) server.logger.info({}, advice);
      options.onListening?.();
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        // A second signal while draining forces the exit.
        process.once(signal, () => process.exit(1));
        server.close().then(
          () => process.exit(0),
          (error: unknown) => {
            process.stderr.write(`cognate: error while stopping: ${String(error)}\n`);
            process.exit(1);
          },
        );
      };
      process.on("SIGTERM", () => stop("SIGTERM"));
      process.on("SIGINT", () => stop("SIGINT"));
    });
}
