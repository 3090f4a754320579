import type { Command } from "commander";
import { resetUserMfa } from "../../app/mfa/reset-mfa.js";
import { requireUser } from "../../app/users/user-directory.js";
import { action, CliError, withApplication } from "../context.js";
import { formatTable, printJson } from "../output.js";
import { resolvePool } from "./pools.js";

// `cognate user create|list|delete|set-password|reset-mfa`: the admin actions (AdminCreateUser, ListUsers,
// AdminDeleteUser, AdminSetUserPassword) run locally on the configured storage; reset-mfa clears a user's
// MFA (docs/mfa.md).

interface CognitoUser {
  Username?: string;
  UserStatus?: string;
  Enabled?: boolean;
  UserCreateDate?: Date;
  Attributes?: Array<{ Name: string; Value?: string }>;
}

function parseAttributes(pairs: string[]): Array<{ Name: string; Value: string }> {
  return pairs.map((pair) => {
    const equals = pair.indexOf("=");
    if (equals <= 0)
      throw new CliError(
        `--attribute ${pair} is not name=value`,
        "For example: --attribute given_name=Alice",
        2,
      );
    return { Name: pair.slice(0, equals), Value: pair.slice(equals + 1) };
  });
}

const collect = (value: string, previous: string[]) => [...previous, value];

function userRow(user: CognitoUser): string[] {
  const attribute = (name: string) => user.Attributes?.find((a) => a.Name === name)?.Value ?? "";
  return [
    user.Username ?? "",
    user.UserStatus ?? "",
    user.Enabled === false ? "disabled" : "enabled",
    attribute("email"),
    attribute("sub"),
    user.UserCreateDate instanceof Date ? user.UserCreateDate.toISOString() : "",
  ];
}

const USER_HEADERS = ["username", "status", "enabled", "email", "sub", "created"];

export function registerUser(program: Command): void {
  const user = program
    .command("user")
    .description("Create, list and delete users, set their passwords, and reset their MFA.");

  user
    .command("create")
    .description("Create a user; with --password it is CONFIRMED with that password (no invitation is sent).")
    .argument("<username>", "the username (an email or phone number in pools that sign in with those)")
    .requiredOption("--pool <idOrName>", "the user pool, by id or by PoolName")
    .option("--password <password>", "the user's password (permanent unless --temporary)")
    .option("--temporary", "make --password a temporary one (FORCE_CHANGE_PASSWORD)")
    .option(
      "-a, --attribute <name=value>",
      "an attribute, repeatable (email_verified=true, custom:tier=gold)",
      collect,
      [],
    )
    .option("--group <group>", "add the user to this group, repeatable", collect, [])
    .option("--json", "print the created user as JSON")
    .action(
      action(
        "user create",
        async (
          username: string,
          options: {
            pool: string;
            password?: string;
            temporary?: boolean;
            attribute: string[];
            group: string[];
            json?: boolean;
          },
        ) => {
          if (options.temporary && !options.password)
            throw new CliError("--temporary needs --password", undefined, 2);
          const attributes = parseAttributes(options.attribute);
          await withApplication(async ({ application, actions }) => {
            const pool = await resolvePool(application.dependencies.storage, options.pool);
            const target = { UserPoolId: pool.id, Username: username };
            await actions.call("AdminCreateUser", {
              ...target,
              UserAttributes: attributes,
              ...(options.password ? { MessageAction: "SUPPRESS" } : {}),
              ...(options.password && options.temporary ? { TemporaryPassword: options.password } : {}),
            });
            if (options.password && !options.temporary) {
              await actions.call("AdminSetUserPassword", {
                ...target,
                Password: options.password,
                Permanent: true,
              });
            }
            for (const group of options.group)
              await actions.call("AdminAddUserToGroup", { ...target, GroupName: group });
            const created = (await actions.call("AdminGetUser", target)) as CognitoUser & {
              UserAttributes?: CognitoUser["Attributes"];
            };
            const view: CognitoUser = { ...created, Attributes: created.UserAttributes ?? [] };
            if (options.json) printJson({ UserPoolId: pool.id, ...view });
            else process.stdout.write(formatTable(USER_HEADERS, [userRow(view)]));
            if (!options.password) {
              process.stderr.write(
                "An invitation with a temporary password was sent (see `cognate outbox` in development).\n",
              );
            }
          });
        },
      ),
    );

  user
    .command("list")
    .description("List the users of a pool, oldest first.")
    .requiredOption("--pool <idOrName>", "the user pool, by id or by PoolName")
    .option("--filter <filter>", "a ListUsers filter, e.g. 'email ^= \"alice\"'")
    .option("--limit <n>", "at most this many users", "1000")
    .option("--json", "one JSON object per user")
    .action(
      action(
        "user list",
        async (options: { pool: string; filter?: string; limit: string; json?: boolean }) => {
          const limit = Number(options.limit);
          if (!Number.isInteger(limit) || limit < 1)
            throw new CliError("--limit must be a positive whole number", undefined, 2);
          await withApplication(async ({ application, actions }) => {
            const pool = await resolvePool(application.dependencies.storage, options.pool);
            const users: CognitoUser[] = [];
            let token: string | undefined;
            do {
              const page = await actions.call("ListUsers", {
                UserPoolId: pool.id,
                Limit: Math.min(60, limit - users.length),
                ...(options.filter ? { Filter: options.filter } : {}),
                ...(token ? { PaginationToken: token } : {}),
              });
              users.push(...((page.Users as CognitoUser[] | undefined) ?? []));
              token = typeof page.PaginationToken === "string" ? page.PaginationToken : undefined;
            } while (token && users.length < limit);
            if (options.json) for (const found of users) printJson(found);
            else if (users.length === 0) process.stdout.write(`No users in ${pool.id}.\n`);
            else process.stdout.write(formatTable(USER_HEADERS, users.map(userRow)));
          });
        },
      ),
    );

  user
    .command("delete")
    .description("Delete a user.")
    .argument("<username>", "the username (or an alias: email, phone)")
    .requiredOption("--pool <idOrName>", "the user pool, by id or by PoolName")
    .option("--json", "print {deleted: username} as JSON")
    .action(
      action("user delete", async (username: string, options: { pool: string; json?: boolean }) => {
        await withApplication(async ({ application, actions }) => {
          const pool = await resolvePool(application.dependencies.storage, options.pool);
          await actions.call("AdminDeleteUser", { UserPoolId: pool.id, Username: username });
          if (options.json) printJson({ deleted: username, UserPoolId: pool.id });
          else process.stdout.write(`Deleted ${username} from ${pool.id}.\n`);
        });
      }),
    );

  user
    .command("set-password")
    .description("Set a user's password: permanent (CONFIRMED) unless --temporary.")
    .argument("<username>", "the username (or an alias: email, phone)")
    .requiredOption("--pool <idOrName>", "the user pool, by id or by PoolName")
    .requiredOption("--password <password>", "the new password")
    .option("--temporary", "a temporary password the user must change at sign-in")
    .option("--json", "print the result as JSON")
    .action(
      action(
        "user set-password",
        async (
          username: string,
          options: { pool: string; password: string; temporary?: boolean; json?: boolean },
        ) => {
          await withApplication(async ({ application, actions }) => {
            const pool = await resolvePool(application.dependencies.storage, options.pool);
            await actions.call("AdminSetUserPassword", {
              UserPoolId: pool.id,
              Username: username,
              Password: options.password,
              Permanent: !options.temporary,
            });
            const status = options.temporary ? "FORCE_CHANGE_PASSWORD" : "CONFIRMED";
            if (options.json) printJson({ UserPoolId: pool.id, Username: username, UserStatus: status });
            else process.stdout.write(`Password set for ${username}; status ${status}.\n`);
          });
        },
      ),
    );

  user
    .command("reset-mfa")
    .description(
      "Clear a user's MFA: factors off, TOTP secret and recovery codes forgotten (for a lost authenticator).",
    )
    .argument("<username>", "the username (or an alias: email, phone)")
    .requiredOption("--pool <idOrName>", "the user pool, by id or by PoolName")
    .option("--json", "print the result as JSON")
    .action(
      action("user reset-mfa", async (username: string, options: { pool: string; json?: boolean }) => {
        await withApplication(async ({ application }) => {
          const { storage } = application.dependencies;
          const pool = await resolvePool(storage, options.pool);
          const found = await requireUser(storage.users, pool, username);
          await resetUserMfa(application.dependencies, found);
          if (options.json) printJson({ UserPoolId: pool.id, Username: found.username, mfaReset: true });
          else process.stdout.write(`MFA reset for ${found.username} in ${pool.id}.\n`);
        });
      }),
    );
}
