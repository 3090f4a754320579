import type { FastifyInstance, FastifyReply } from "fastify";
import type { DevOutbox, OutboxFilter } from "../../ports/message-sender.js";

/*
 * The dev-only outbox endpoint (it exposes codes and temporary passwords, so it is off unless
 * COGNATE_DEV_OUTBOX_HTTP=true; disabled, the paths do not exist and answer 404):
 * - GET /_dev/outbox?to=&userPoolId=&limit=  -> 200 {messages: [...]}, newest first (limit 1..1000, default 100)
 * - GET /_dev/outbox/latest?to=&userPoolId=  -> 200 the newest matching message, or 404
 * A repeated or malformed parameter is a 400. Responses are never cached.
 */

export interface DevOutboxRoutesOptions {
  /** config.devOutboxHttp; the routes are registered only when true. */
  enabled: boolean;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

class BadQuery extends Error {}

function single(query: unknown, name: string): string | undefined {
  const value = (query as Record<string, unknown> | undefined)?.[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new BadQuery(`${name} must be given at most once`);
  return value === "" ? undefined : value;
}

function parseFilter(query: unknown, withLimit: boolean): OutboxFilter {
  const to = single(query, "to");
  const userPoolId = single(query, "userPoolId");
  const filter: OutboxFilter = { ...(to ? { to } : {}), ...(userPoolId ? { userPoolId } : {}) };
  if (!withLimit) return { ...filter, limit: 1 };
  const limitText = single(query, "limit");
  if (limitText === undefined) return { ...filter, limit: DEFAULT_LIMIT };
  if (!/^\d+$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_LIMIT) {
    throw new BadQuery(`limit must be an integer from 1 to ${MAX_LIMIT}`);
  }
  return { ...filter, limit: Number(limitText) };
}

function badRequest(reply: FastifyReply, error: unknown) {
  if (error instanceof BadQuery) return reply.code(400).send({ message: error.message });
  throw error;
}

export function registerDevOutboxRoutes(
  app: FastifyInstance,
  outbox: DevOutbox,
  options: DevOutboxRoutesOptions,
): void {
  if (!options.enabled) return;

  app.get("/_dev/outbox", async (request, reply) => {
    let filter: OutboxFilter;
    try {
      filter = parseFilter(request.query, true);
    } catch (error) {
      return badRequest(reply, error);
    }
    reply.header("cache-control", "no-store");
    return { messages: await outbox.list(filter) };
  });

  app.get("/_dev/outbox/latest", async (request, reply) => {
    let filter: OutboxFilter;
    try {
      filter = parseFilter(request.query, false);
    } catch (error) {
      return badRequest(reply, error);
    }
    reply.header("cache-control", "no-store");
    const [newest] = await outbox.list(filter);
    if (!newest) {
      return reply.code(404).send({ message: "no message in the dev outbox matches" });
    }
    return newest;
  });
}
