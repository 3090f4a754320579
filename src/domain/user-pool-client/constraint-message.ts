// Smithy-style validation messages for the few app-client constraints that the bundled model does not carry
// (members added to the API after the smithy model we validate against: custom client secrets, refresh token
// rotation). Same wording as the model validator: `1 validation error detected: Value '…' at '…' failed to
// satisfy constraint: …`; sensitive members leave the value out.

import { InvalidParameterException } from "../errors.js";

export function constraintViolation(
  path: string,
  value: string | number | null,
  constraint: string,
  sensitive = false,
): InvalidParameterException {
  const shown = value === null ? "Value null" : sensitive ? "Value" : `Value '${value}'`;
  return new InvalidParameterException(
    `1 validation error detected: ${shown} at '${path}' failed to satisfy constraint: ${constraint}`,
  );
}

const SECRET_PATTERN = /^[\w+]+$/;

/** A caller-chosen client secret (CreateUserPoolClient, AddUserPoolClientSecret): 24–64 of [\w+]. */
export function checkCustomClientSecret(secret: string): void {
  const violated = (constraint: string) => constraintViolation("clientSecret", secret, constraint, true);
  if (secret.length < 24) throw violated("Member must have length greater than or equal to 24");
  if (secret.length > 64) throw violated("Member must have length less than or equal to 64");
  if (!SECRET_PATTERN.test(secret)) throw violated("Member must satisfy regular expression pattern: [\\w+]+");
}
