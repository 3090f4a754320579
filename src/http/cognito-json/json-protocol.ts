import type { RequestContext } from "../../app/request-context.js";
import { InvalidParameterException, UnsupportedOperationException } from "../../domain/errors.js";
import { isPlainObject } from "../../shared/json.js";
import type { ActionHandler } from "./action-table.js";
import { ProtocolError, renderWireError, toWireError, type WireError } from "./errors.js";

/** One AWS JSON 1.1 service behind POST /: its target prefix and how it checks and runs actions. */
export interface JsonService {
  /** e.g. "AWSCognitoIdentityProviderService" */
  targetPrefix: string;
  /** Every action name the service knows, implemented or not. */
  knownActions: ReadonlySet<string>;
  handlers: ReadonlyMap<string, ActionHandler>;
  /** Actions AWS serves without a signature. */
  unsignedActions: ReadonlySet<string>;
  /** Throws ProtocolError when the request is not signed with the admin credentials. */
  verifySignature(request: JsonRequest): void;
  /** Throws InvalidParameterException / SerializationException when input breaks the model's constraints. */
  validateInput(action: string, input: Record<string, unknown>): void;
}

export interface JsonRequest {
  method: string;
  path: string;
  rawQuery: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  sourceIp: string;
  requestId: string;
}

export interface JsonResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  /** The action name for metrics and logs ("-" when the target was not understood). */
  action: string;
  error?: WireError;
}

function header(request: JsonRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Dates leave as epoch seconds with millisecond precision, as the AWS SDK reads timestamps. */
function serializeOutput(output: unknown): string {
  // Date#toJSON runs before the replacer sees the value, so read the original from the holder.
  return JSON.stringify(output ?? {}, function (this: Record<string, unknown>, key: string, value: unknown) {
    const original = this[key];
    return original instanceof Date ? original.getTime() / 1000 : value;
  });
}

function parseBody(rawBody: string): Record<string, unknown> {
  if (rawBody.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    throw new ProtocolError(
      "SerializationException",
      "Malformed JSON: the request body could not be parsed.",
    );
  }
  if (!isPlainObject(parsed)) {
    throw new ProtocolError(
      "SerializationException",
      "Start of structure or map found where not expected: the request body must be a JSON object.",
    );
  }
  // U+0000 is no character of any Cognito name, and PostgreSQL cannot store or even compare it.
  if (rawBody.includes("\\u0000") && containsNul(parsed)) {
    throw new InvalidParameterException(
      "A request value contains the character U+0000, which is not allowed.",
    );
  }
  return parsed;
}

function containsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(containsNul);
  if (isPlainObject(value))
    return Object.entries(value).some(([key, item]) => key.includes("\u0000") || containsNul(item));
  return false;
}

/** Resolves X-Amz-Target to a service and action, or throws UnknownOperationException. */
function resolveTarget(request: JsonRequest, services: readonly JsonService[]) {
  const target = header(request, "x-amz-target") ?? "";
  const dot = target.lastIndexOf(".");
  const prefix = target.slice(0, dot);
  const action = target.slice(dot + 1);
  const service = services.find((candidate) => candidate.targetPrefix === prefix);
  if (dot < 0 || !service || !service.knownActions.has(action)) {
    throw new ProtocolError(
      "UnknownOperationException",
      `Operation ${target || "(none)"} is not recognised.`,
    );
  }
  return { service, action };
}

/** Runs one JSON 1.1 request end to end; never throws. */
export async function handleJsonRequest(
  request: JsonRequest,
  services: readonly JsonService[],
  onUnexpected: (error: unknown, action: string) => void,
): Promise<JsonResponse> {
  let action = "-";
  try {
    const resolved = resolveTarget(request, services);
    action = resolved.action;
    const { service } = resolved;
    const signed = !service.unsignedActions.has(action);
    if (signed) service.verifySignature(request);
    const handler = service.handlers.get(action);
    if (!handler) {
      throw new UnsupportedOperationException(
        `${action} is not implemented by Cognate yet; see docs/compatibility.md for what is supported.`,
      );
    }
    const input = parseBody(request.rawBody);
    service.validateInput(action, input);
    const context: RequestContext = { requestId: request.requestId, sourceIp: request.sourceIp, signed };
    const output = await handler(context, input as never);
    return {
      statusCode: 200,
      headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": request.requestId },
      body: serializeOutput(output),
      action,
    };
  } catch (caught) {
    const error = toWireError(caught);
    if (error.unexpected !== undefined) onUnexpected(error.unexpected, action);
    return { ...renderWireError(error, request.requestId), action, error };
  }
}
