// Starts cognito-local (from npm) in the current directory (its data goes to ./.cognito) on $PORT, with
// its request logging at "warn" like Cognate's, so neither pays for log output. Run pinned by bench/run.ts.
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const port = Number(process.env.PORT);
mkdirSync(".cognito", { recursive: true });
writeFileSync(
  ".cognito/config.json",
  JSON.stringify({
    ServerConfig: { hostname: "127.0.0.1", port },
    // Plain usernames, as in Cognate's bench pool (cognito-local's default makes the email the username).
    UserPoolDefaults: { UsernameAttributes: [] },
  }),
);
const require = createRequire(import.meta.url);
const cognitoLocal = createRequire(require.resolve("cognito-local/package.json"));
const pino = cognitoLocal("pino");
const { createDefaultServer } = cognitoLocal("./lib/server/index.js");

const server = await createDefaultServer(pino({ level: "warn" }));
await server.start();
process.on("SIGTERM", () => process.exit(0));
