import { randomUUID } from "node:crypto";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import type { Logger as PinoLogger } from "pino";
import type { DevOutbox } from "../ports/message-sender.js";
import { handleJsonRequest, type JsonService } from "./cognito-json/json-protocol.js";
import { registerDevOutboxRoutes } from "./dev-outbox/dev-outbox-routes.js";
import {
  type HostedUiDependencies as HostedUiRouteDependencies,
  registerHostedUiRoutes,
} from "./hosted-ui/routes.js";
import { type OAuth2RouteDependencies, registerOAuth2Routes } from "./oauth2/routes.js";
import { registerWellKnownRoutes, type WellKnownDependencies } from "./oauth2/well-known.js";
import type { ServerMetrics } from "./ops/metrics.js";
import { type CsvUpload, registerUserImportUploadRoutes } from "./user-import/csv-upload-routes.js";

export interface HttpServerOptions {
  /** PUT target of CSV user import jobs' PreSignedUrl. */
  userImportUpload?: CsvUpload;
  logger: PinoLogger;
  metrics: ServerMetrics;
  jsonServices: readonly JsonService[];
  /** Resolves when the database answers; rejects otherwise. */
  checkReady(): Promise<void>;
  devOutbox?: DevOutbox;
  /** The dev outbox HTTP endpoint exposes codes: off unless COGNATE_DEV_OUTBOX_HTTP=true. */
  devOutboxHttp?: boolean;
  /** Serves each pool's JWKS at /{userPoolId}/.well-known/jwks.json. */
  wellKnown?: WellKnownDependencies;
  /** The OAuth 2.0 / OIDC endpoints and discovery, under the issuer path and on pool domains. */
  oauth2?: OAuth2RouteDependencies;
  /** The hosted UI pages (they call the OAuth engine and the sign-in engine). */
  hostedUi?: HostedUiRouteDependencies;
  /** PEM certificate and key: serve HTTPS (Amplify insists on https for the hosted UI). */
  https?: { cert: Buffer; key: Buffer };
}

/** Paths the browser pages own: no CORS there (RFC 9700 forbids CORS on the authorization endpoint). */
const PAGE_PATHS =
  /\/(oauth2\/authorize|login|signup|confirm|resendCode|confirmUser|forgotPassword|confirmforgotPassword|challenge|logout)(\?|$)/;

const CORS_ALLOW_HEADERS =
  "content-type, x-amz-target, x-amz-user-agent, cache-control, amz-sdk-invocation-id, amz-sdk-request, " +
  "authorization, x-amz-date, x-amz-security-token, x-amz-content-sha256";
const CORS_EXPOSE_HEADERS = "x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage";

/** Mounts every surface; this is the one file where every route can be seen. */
export function createHttpServer(options: HttpServerOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    logController: new LogController({ requestIdLogLabel: "requestId", disableRequestLogging: true }),
    bodyLimit: 4 * 1024 * 1024,
    forceCloseConnections: "idle",
    ...(options.https ? { https: options.https } : {}),
  }) as unknown as FastifyInstance;

  // Raw text bodies: SigV4 hashes the exact bytes, and JSON 1.1 errors must be ours, not fastify's.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));

  app.addHook("onRequest", async (request, reply) => {
    if (PAGE_PATHS.test(request.url)) return;
    reply.header("access-control-allow-origin", request.headers.origin ?? "*");
    reply.header("access-control-expose-headers", CORS_EXPOSE_HEADERS);
    reply.header("vary", "origin");
    if (request.method === "OPTIONS") {
      reply.header("access-control-allow-methods", "GET, POST, OPTIONS");
      reply.header(
        "access-control-allow-headers",
        request.headers["access-control-request-headers"] ?? CORS_ALLOW_HEADERS,
      );
      reply.header("access-control-max-age", "86400");
      return reply.code(204).send();
    }
  });

  app.post("/", async (request, reply) => {
    const started = process.hrtime.bigint();
    const response = await handleJsonRequest(
      {
        method: request.method,
        path: request.url.split("?")[0] ?? "/",
        rawQuery: request.url.includes("?") ? request.url.slice(request.url.indexOf("?") + 1) : "",
        headers: request.headers,
        rawBody: typeof request.body === "string" ? request.body : "",
        sourceIp: request.ip,
        requestId: request.id,
      },
      options.jsonServices,
      (error, action) => request.log.error({ err: error, action }, "unexpected error"),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    options.metrics.observeRequest("cognito-json", response.action, response.statusCode, seconds);
    request.log.info(
      {
        action: response.action,
        statusCode: response.statusCode,
        errorType: response.error?.type,
        ms: Math.round(seconds * 1e4) / 10,
      },
      "request",
    );
    // A Buffer keeps fastify from appending "; charset=utf-8" to the AWS content type.
    return reply.code(response.statusCode).headers(response.headers).send(Buffer.from(response.body, "utf8"));
  });

  app.get("/health", async () => ({ status: "ok" }));
  app.get("/health/ready", async (_request, reply) => {
    try {
      await options.checkReady();
      return { status: "ready" };
    } catch {
      return reply.code(503).send({ status: "unavailable", reason: "database unreachable" });
    }
  });
  app.get("/metrics", async (_request, reply) => {
    reply.header("content-type", options.metrics.registry.contentType);
    return options.metrics.registry.metrics();
  });

  if (options.wellKnown) registerWellKnownRoutes(app, options.wellKnown);
  if (options.oauth2) registerOAuth2Routes(app, options.oauth2);
  if (options.hostedUi) registerHostedUiRoutes(app, options.hostedUi);
  if (options.devOutbox) {
    registerDevOutboxRoutes(app, options.devOutbox, { enabled: options.devOutboxHttp === true });
  }

  if (options.userImportUpload) registerUserImportUploadRoutes(app, options.userImportUpload);

  return app;
}
