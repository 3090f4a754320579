import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { exportDump } from "../../app/export-import/export-dump.js";
import { createPassphraseSealing } from "../../integrations/crypto/passphrase-box.js";
import type { JsonObject } from "../../shared/json.js";
import { action, CliError, withApplication } from "../context.js";
import { peakRssMb, printJson, progressBar } from "../output.js";

/** The passphrase is the file's content without its final line break; an empty one is refused. */
export async function readPassphrase(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new CliError(
      `cannot read the passphrase file ${path} (${(error as Error).message})`,
      "Pass an existing file to --passphrase-file.",
    );
  }
  const passphrase = text.replace(/\r?\n$/, "");
  if (passphrase.length < 8) {
    throw new CliError(
      `the passphrase in ${path} is shorter than 8 characters`,
      "Use a long passphrase, e.g. `openssl rand -base64 24 > passphrase.txt`.",
    );
  }
  return passphrase;
}

export function registerExport(program: Command): void {
  program
    .command("export")
    .description("Write every pool (or one) with its clients, groups, users and password hashes as NDJSON.")
    .option("--pool <userPoolId>", "only this user pool")
    .option(
      "--passphrase-file <file>",
      "include secrets (SRP verifiers, client secrets, signing keys, TOTP secrets, device verifiers), encrypted under this passphrase",
    )
    .option("-o, --output <file>", "write the dump to this file instead of stdout")
    .option("--quiet", "no progress on stderr")
    .option("--json", "print a JSON summary (to stdout with --output, else to stderr)")
    .action(
      action(
        "export",
        async (options: {
          pool?: string;
          passphraseFile?: string;
          output?: string;
          quiet?: boolean;
          json?: boolean;
        }) => {
          const passphrase = options.passphraseFile
            ? await readPassphrase(options.passphraseFile)
            : undefined;
          const sealing = passphrase ? createPassphraseSealing(passphrase) : undefined;
          const out = options.output ? createWriteStream(options.output) : process.stdout;
          const started = Date.now();
          const progress = progressBar("export users", { quiet: options.quiet === true });
          let users = 0;
          let lines = 0;
          await withApplication(async ({ application }) => {
            const dump = exportDump(application.dependencies, {
              ...(options.pool ? { userPoolId: options.pool } : {}),
              ...(sealing
                ? {
                    secrets: {
                      kdf: sealing.kdf as unknown as JsonObject,
                      check: sealing.check,
                      box: sealing.box,
                    },
                  }
                : {}),
              onProgress: (done, total) => {
                users = done;
                progress.update(done, total);
              },
            });
            for await (const line of dump) {
              lines++;
              // Backpressure: wait while the consumer (a pipe, a file) is behind.
              if (!out.write(line)) await once(out, "drain");
            }
          });
          progress.finish();
          if (out !== process.stdout) await new Promise<void>((resolve) => out.end(() => resolve()));
          await new Promise<void>(
            (resolve, reject) => (out as NodeJS.WritableStream).end(() => resolve()) ?? reject(),
          );
          const summary = {
            records: lines,
            users,
            secrets: sealing ? "included (encrypted)" : "left out",
            seconds: Math.round((Date.now() - started) / 100) / 10,
            peakRssMb: peakRssMb(),
          };
          if (options.json) printJson(summary, options.output ? process.stdout : process.stderr);
          else {
            process.stderr.write(
              `Exported ${users.toLocaleString("en-US")} users in ${lines.toLocaleString("en-US")} records (${summary.seconds}s, peak memory ${summary.peakRssMb} MB).\n`,
            );
            if (!sealing) {
              process.stderr.write(
                "Secrets were left out (SRP verifiers, client secrets, signing keys, TOTP secrets, device verifiers): pass --passphrase-file to include them.\n",
              );
            }
          }
        },
      ),
    );
}
