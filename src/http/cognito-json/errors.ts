import { CognitoError } from "../../domain/errors.js";

/**
 * Errors that belong to the wire protocol itself (not to any Cognito operation):
 * unknown targets, malformed bodies and SigV4 failures, named as AWS names them.
 */
export type ProtocolErrorCode =
  | "UnknownOperationException"
  | "SerializationException"
  | "MissingAuthenticationTokenException"
  | "UnrecognizedClientException"
  | "InvalidSignatureException"
  | "IncompleteSignatureException";

export class ProtocolError extends Error {
  constructor(
    readonly code: ProtocolErrorCode,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = code;
  }
}

export interface WireError {
  statusCode: number;
  type: string;
  message: string;
  /** Set for errors we did not expect: logged with the stack, never shown to the client. */
  unexpected?: unknown;
}

const SERVER_FAULTS = new Set(["InternalErrorException", "InternalServerException"]);

/** Maps anything thrown by a handler to the AWS JSON 1.1 error carried by the response. */
export function toWireError(error: unknown): WireError {
  if (error instanceof CognitoError) {
    return {
      statusCode: SERVER_FAULTS.has(error.code) ? 500 : 400,
      type: error.code,
      message: error.message,
    };
  }
  if (error instanceof ProtocolError) {
    return { statusCode: error.statusCode, type: error.code, message: error.message };
  }
  return {
    statusCode: 500,
    type: "InternalErrorException",
    message: "Internal error. Please try again later.",
    unexpected: error,
  };
}

/** Header and body exactly as cognito-idp sends them, so every client finds the code. */
export function renderWireError(error: WireError, requestId: string) {
  return {
    statusCode: error.statusCode,
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amzn-requestid": requestId,
      "x-amzn-errortype": `${error.type}:`,
      // Capped: messages may quote a huge bad value, and clients refuse headers over 16 KB.
      "x-amzn-errormessage": error.message.replace(/[^\x20-\x7e]/g, " ").slice(0, 1024),
    },
    body: JSON.stringify({ __type: error.type, message: error.message }),
  };
}
