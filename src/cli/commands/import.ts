import { createReadStream } from "node:fs";
import type { Command } from "commander";
import { DumpError } from "../../app/export-import/dump-records.js";
import { importDump } from "../../app/export-import/import-dump.js";
import { createForeignPasswordHashes } from "../../integrations/crypto/foreign-password-hashes.js";
import {
  openPassphraseSealing,
  type PassphraseKdf,
  WrongPassphraseError,
} from "../../integrations/crypto/passphrase-box.js";
import { action, CliError, withApplication } from "../context.js";
import { formatTable, peakRssMb, printJson, progressBar } from "../output.js";
import { readPassphrase } from "./export.js";

/** Lines of a text stream, read as the consumer asks for them (so a slow import never buffers the file). */
export async function* readLines(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  stream.setEncoding("utf8");
  let carry = "";
  for await (const chunk of stream as AsyncIterable<string>) {
    carry += chunk;
    let newline = carry.indexOf("\n");
    while (newline >= 0) {
      yield carry.slice(0, newline);
      carry = carry.slice(newline + 1);
      newline = carry.indexOf("\n");
    }
  }
  if (carry !== "") yield carry;
}

export function registerImport(program: Command): void {
  program
    .command("import")
    .description("Restore a `cognate export` dump (into this instance's storage, SQLite or PostgreSQL).")
    .argument("[file]", "the dump (default: stdin)")
    .option("--passphrase-file <file>", "the passphrase the dump's secrets were exported with")
    .option("--quiet", "no progress on stderr")
    .option("--json", "print the summary as JSON")
    .action(
      action(
        "import",
        async (
          file: string | undefined,
          options: { passphraseFile?: string; quiet?: boolean; json?: boolean },
        ) => {
          const passphrase = options.passphraseFile
            ? await readPassphrase(options.passphraseFile)
            : undefined;
          const input = file ? createReadStream(file) : process.stdin;
          if (file) {
            await new Promise<void>((resolve, reject) => {
              input.once("open", () => resolve());
              input.once("error", (error: Error) =>
                reject(
                  new CliError(
                    `cannot read ${file} (${error.message})`,
                    "Pass the path of a dump written by `cognate export`.",
                  ),
                ),
              );
            });
          }
          const started = Date.now();
          const progress = progressBar("import users", { quiet: options.quiet === true });
          const problems: string[] = [];
          await withApplication(async ({ application }) => {
            let summary: Awaited<ReturnType<typeof importDump>>;
            try {
              summary = await importDump(
                { ...application.dependencies, foreignHashes: createForeignPasswordHashes() },
                readLines(input),
                {
                  ...(passphrase
                    ? {
                        unlockSecrets: (kdf, check) =>
                          openPassphraseSealing(passphrase, kdf as unknown as PassphraseKdf, check),
                      }
                    : {}),
                  onProgress: (imported) => progress.update(imported.users),
                  onProblem: (line, message) => {
                    problems.push(`line ${line}: ${message}`);
                    process.stderr.write(`\ncognate import: line ${line}: ${message}\n`);
                  },
                },
              );
            } catch (error) {
              progress.finish();
              if (error instanceof WrongPassphraseError) {
                throw new CliError(
                  error.message,
                  "Pass the passphrase file the dump was exported with (--passphrase-file).",
                );
              }
              if (error instanceof DumpError) {
                throw new CliError(
                  error.message,
                  "What was imported before that line stays; fix the dump and import it again (existing records are skipped).",
                );
              }
              throw error;
            }
            progress.finish();
            const seconds = Math.round((Date.now() - started) / 100) / 10;
            if (options.json) {
              printJson({ ...summary, problems, seconds, peakRssMb: peakRssMb() });
            } else {
              const kinds = Object.keys(summary.imported) as Array<keyof typeof summary.imported>;
              process.stdout.write(
                formatTable(
                  ["records", "imported", "skipped (already there)"],
                  kinds.map((kind) => [kind, String(summary.imported[kind]), String(summary.skipped[kind])]),
                ),
              );
              process.stdout.write(`${summary.failed} failed. ${seconds}s, peak memory ${peakRssMb()} MB.\n`);
              if (summary.secretsOmitted) {
                process.stdout.write(
                  "The dump had no secrets: users get an SRP verifier at their first password sign-in (USER_PASSWORD_AUTH); client secrets, signing keys and remembered devices were not restored, and TOTP MFA was turned off for users who had it (they set it up again).\n",
                );
              }
            }
            if (!summary.complete) {
              throw new CliError(
                "the dump ended without its end record: it was cut short",
                "Export again and import the whole file; what was imported stays.",
              );
            }
            if (summary.failed > 0) process.exitCode = 1;
          });
        },
      ),
    );
}
