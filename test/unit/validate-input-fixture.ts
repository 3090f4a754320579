import { CognitoError } from "../../src/domain/errors.js";
import { ProtocolError } from "../../src/http/cognito-json/errors.js";
import { createCognitoIdpInputValidator } from "../../src/http/cognito-json/model/validate-input.js";

// The validator under test and how its answers are compared.

export const validate = createCognitoIdpInputValidator();
export const POOL = "us-east-1_AbCdEf123";

export function outcome(
  action: string,
  input: Record<string, unknown>,
): { type: string; message: string } | "ok" {
  try {
    validate(action, input);
    return "ok";
  } catch (error) {
    if (error instanceof ProtocolError) return { type: error.code, message: error.message };
    if (error instanceof CognitoError) return { type: error.code, message: error.message };
    throw error;
  }
}

export const invalid = (message: string) => ({ type: "InvalidParameterException", message });
export const serialization = (message: string) => ({ type: "SerializationException", message });
