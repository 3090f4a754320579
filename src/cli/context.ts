import pino from "pino";
import { type CognitoActions, localCognitoActions } from "../app/config-as-code/cognito-actions.js";
import { type Config, ConfigError, loadConfig } from "../config/config.js";
import { CognitoError } from "../domain/errors.js";
import { buildHandlers } from "../http/cognito-json/action-table.js";
import { createCognitoIdpInputValidator } from "../http/cognito-json/model/validate-input.js";
import { USER_POOL_ACTIONS } from "../http/cognito-json/user-pools.actions.js";
import { type Application, buildApplication } from "../main.js";

// What the commands share: the configuration (from the environment, as for `serve`), an application
// opened on the same storage as the server (commands other than serve work on the database directly, so
// they also work with the server stopped), the Cognito actions, and how failures are told.

/** A failure the user can act on: `hint` says what to do. Printed without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export function loadConfigOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`cognate: invalid configuration: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

export interface CliApplication {
  application: Application;
  config: Config;
  actions: CognitoActions;
}

/** Opens storage for an offline command; logs go to stderr (stdout may carry an export). */
export async function openApplication(): Promise<CliApplication> {
  const config = loadConfigOrExit();
  const quiet: Config = { ...config, logLevel: config.logLevel === "info" ? "error" : config.logLevel };
  const application = await buildApplication(quiet, {
    announceGeneratedCredentials: false,
    logDestination: pino.destination(2),
  });
  const actions = localCognitoActions(
    buildHandlers(USER_POOL_ACTIONS, application.dependencies),
    createCognitoIdpInputValidator(),
  );
  return { application, config, actions };
}

/** Runs a command body with an opened application, closing it however the body ends. */
export async function withApplication(work: (cli: CliApplication) => Promise<void>): Promise<void> {
  const cli = await openApplication();
  try {
    await work(cli);
  } finally {
    await cli.application.close();
  }
}

/** What to do about the Cognito errors a command most often meets. */
const COGNITO_HINTS: Record<string, string> = {
  UserNotFoundException:
    "Check the username (or email); `cognate user list --pool …` shows the pool's users.",
  UsernameExistsException: "Pick another username, or delete the user first with `cognate user delete`.",
  InvalidPasswordException:
    "Choose a password that meets the pool's password policy (Policies.PasswordPolicy).",
  ResourceNotFoundException: "Check the id; `cognate apply --dry-run FILE` shows what a file would create.",
  InvalidParameterException: "Fix the value the message names and try again.",
};

/** Prints a failure as `cognate <command>: message` plus what to do, and sets the exit code. */
export function reportFailure(command: string, error: unknown): void {
  if (error instanceof CliError) {
    process.stderr.write(`cognate ${command}: ${error.message}\n`);
    if (error.hint) process.stderr.write(`  ${error.hint}\n`);
    process.exitCode = error.exitCode;
    return;
  }
  if (error instanceof CognitoError) {
    process.stderr.write(`cognate ${command}: ${error.code}: ${error.message}\n`);
    const hint = COGNITO_HINTS[error.code];
    if (hint) process.stderr.write(`  ${hint}\n`);
    process.exitCode = 1;
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`cognate ${command}: ${message}\n`);
  process.exitCode = 1;
}

/** Wraps a command action so every failure is reported the same way. */
export function action<A extends unknown[]>(command: string, body: (...args: A) => Promise<void>) {
  return async (...args: A): Promise<void> => {
    try {
      await body(...args);
    } catch (error) {
      reportFailure(command, error);
    }
  };
}
