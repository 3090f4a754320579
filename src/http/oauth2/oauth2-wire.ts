import type { FastifyReply, FastifyRequest } from "fastify";
import type { PresentedClient } from "../../app/oauth2/client-authentication.js";
import { OAuthError, type OAuthErrorCode } from "../../domain/oauth2/oauth-error.js";

// The wire details of the OAuth endpoints: form bodies, client credentials in headers, JSON answers and
// errors (RFC 6749 §5.2: {"error", "error_description"}, never cached).
// - Bodies must be application/x-www-form-urlencoded; a parameter sent twice is invalid_request (§3.1).
// - Authorization: Basic carries form-urlencoded client_id:client_secret (§2.3.1); a malformed header is
//   invalid_client.
// - Status: invalid_client and invalid_token 401 (with WWW-Authenticate: Basic or Bearer), insufficient_scope
//   403, other errors 400; anything unexpected is logged and answered 500 server_error without details.

const STATUS: Partial<Record<OAuthErrorCode, number>> = {
  invalid_client: 401,
  invalid_token: 401,
  insufficient_scope: 403,
  server_error: 500,
};

export function readForm(request: FastifyRequest): Record<string, string> {
  const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    throw new OAuthError("invalid_request", "The body must be application/x-www-form-urlencoded.");
  }
  const body = typeof request.body === "string" ? request.body : "";
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    if (Object.hasOwn(params, name))
      throw new OAuthError("invalid_request", `The parameter ${name} is repeated.`);
    params[name] = value;
  }
  return params;
}

/** Query parameters as one value each; a repeated parameter is refused (undefined). */
export function readQuery(request: FastifyRequest): Record<string, string | undefined> | undefined {
  const index = request.url.indexOf("?");
  const params: Record<string, string> = {};
  if (index < 0) return params;
  for (const [name, value] of new URLSearchParams(request.url.slice(index + 1))) {
    if (Object.hasOwn(params, name)) return undefined;
    params[name] = value;
  }
  return params;
}

const formDecode = (value: string) => {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
};

/** client_secret_basic / client_secret_post, as presented (checked by the app layer). */
export function presentedClient(request: FastifyRequest, params: Record<string, string>): PresentedClient {
  const presented: PresentedClient = {};
  if (params.client_id !== undefined) presented.clientId = params.client_id;
  if (params.client_secret !== undefined) presented.clientSecret = params.client_secret;
  const header = request.headers.authorization;
  if (header === undefined) return presented;
  const match = /^Basic ([A-Za-z0-9+/]+=*)$/i.exec(header.trim());
  const decoded = match?.[1] ? Buffer.from(match[1], "base64").toString("utf8") : "";
  const colon = decoded.indexOf(":");
  const clientId = colon > 0 ? formDecode(decoded.slice(0, colon)) : undefined;
  const clientSecret = colon > 0 ? formDecode(decoded.slice(colon + 1)) : undefined;
  if (!clientId || clientSecret === undefined)
    throw new OAuthError("invalid_client", "Malformed Authorization header.");
  presented.basic = { clientId, clientSecret };
  return presented;
}

export function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply
    .code(status)
    .header("cache-control", "no-store")
    .header("pragma", "no-cache")
    .header("content-type", "application/json; charset=utf-8")
    .send(JSON.stringify(body));
}

/** Answers a thrown error the OAuth way; unexpected ones are logged and hidden. */
export function sendOAuthError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof OAuthError)) {
    request.log.error({ err: error }, "unexpected error at an OAuth endpoint");
    return sendJson(reply, 500, { error: "server_error", error_description: "An internal error occurred." });
  }
  const status = STATUS[error.error] ?? 400;
  if (error.error === "invalid_client" && request.headers.authorization !== undefined) {
    reply.header("www-authenticate", 'Basic realm="cognate"');
  }
  if (error.error === "invalid_token" || error.error === "insufficient_scope") {
    reply.header(
      "www-authenticate",
      `Bearer error="${error.error}", error_description="${error.description.replace(/["\\]/g, "")}"`,
    );
  }
  return sendJson(reply, status, { error: error.error, error_description: error.description });
}
