import type { Command } from "commander";
import { loadOrCreateAdminCredentials } from "../../integrations/crypto/data-dir-secrets.js";
import { loadConfigOrExit } from "../context.js";

export function registerAdminCredentials(program: Command): void {
  program
    .command("admin-credentials")
    .description("Print the credentials admin (SigV4-signed) calls must use.")
    .option("--json", "print them as JSON")
    .action(async (options: { json?: boolean }) => {
      const config = loadConfigOrExit();
      const { credentials } = loadOrCreateAdminCredentials(config.dataDir, {
        accessKeyId: config.adminAccessKeyId,
        secretAccessKey: config.adminSecretAccessKey,
      });
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ ...credentials, region: config.region })}\n`);
      } else {
        process.stdout.write(
          `AWS_ACCESS_KEY_ID=${credentials.accessKeyId}\nAWS_SECRET_ACCESS_KEY=${credentials.secretAccessKey}\nAWS_REGION=${config.region}\n`,
        );
      }
    });
}
