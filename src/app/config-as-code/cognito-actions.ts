import { CognitoError } from "../../domain/errors.js";
import type { JsonObject } from "../../shared/json.js";
import type { RequestContext } from "../request-context.js";

// Configuration as code and the CLI's user commands call Cognito actions exactly as a signed admin request
// would: the same use cases, after the same model validation, through the action table the server uses.
// So `cognate apply` accepts and refuses what CreateUserPool & co. accept and refuse, and an action another
// part of Cognate adds later (resource servers, domains) is picked up by `has`.

export type ActionHandler = (context: RequestContext, input: never) => Promise<unknown>;

export interface CognitoActions {
  /** True when this Cognate implements the action. */
  has(action: string): boolean;
  /** The model's constraint check alone (for the few writes that pin ids and so bypass the action). */
  validate(action: string, input: JsonObject): void;
  /** Runs the action; Cognito errors are thrown as they are (CognitoError subclasses). */
  call(action: string, input: JsonObject): Promise<Record<string, unknown>>;
}

const LOCAL_CONTEXT: RequestContext = { requestId: "cognate-cli", sourceIp: "127.0.0.1", signed: true };

export function localCognitoActions(
  handlers: ReadonlyMap<string, ActionHandler>,
  validate: (action: string, input: Record<string, unknown>) => void,
): CognitoActions {
  return {
    has: (action) => handlers.has(action),
    validate: (action, input) => validate(action, input),
    async call(action, input) {
      const handler = handlers.get(action);
      if (!handler) throw new Error(`${action} is not implemented by this Cognate`);
      validate(action, input);
      const output = await handler(LOCAL_CONTEXT, input as never);
      return (output ?? {}) as Record<string, unknown>;
    },
  };
}

/** "InvalidParameterException: …" for Cognito errors, the message otherwise. */
export function describeError(error: unknown): string {
  if (error instanceof CognitoError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
