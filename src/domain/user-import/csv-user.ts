import type { SchemaAttribute } from "../user-pool/schema-attributes.js";

// Cognito's user import CSV (GetCSVHeader, and each row of an import job):
// - the header is every schema attribute but `sub` in schema order (custom attributes included), then
//   cognito:mfa_enabled and cognito:username; columns may come in any order; a column the pool does not know
//   fails the whole job, and cognito:username and cognito:mfa_enabled must be there;
// - a row needs a username, cognito:mfa_enabled true or false, and at least one of the pool's
//   AutoVerifiedAttributes set to true with its value present (so the user can reset the password);
// - empty cells leave the attribute unset; values are not quoted unless they contain commas or quotes.

export const USERNAME_COLUMN = "cognito:username";
export const MFA_COLUMN = "cognito:mfa_enabled";

export function csvHeaderFor(schema: readonly SchemaAttribute[]): string[] {
  const attributes = schema
    .map((attribute) => attribute.Name)
    .filter((name) => name !== "sub" && !name.startsWith("dev:"));
  return [...attributes, MFA_COLUMN, USERNAME_COLUMN];
}

/** Why a header cannot be imported into the pool, or undefined when it can. */
export function headerProblem(
  header: readonly string[],
  schema: readonly SchemaAttribute[],
): string | undefined {
  const known = new Set(csvHeaderFor(schema));
  const unknown = header.filter((column) => !known.has(column));
  if (unknown.length > 0)
    return `The CSV header has columns the user pool does not know: ${unknown.join(", ")}`;
  const seen = new Set<string>();
  for (const column of header) {
    if (seen.has(column)) return `The CSV header names ${column} twice`;
    seen.add(column);
  }
  for (const required of [USERNAME_COLUMN, MFA_COLUMN]) {
    if (!seen.has(required)) return `The CSV header has no ${required} column`;
  }
  return undefined;
}

export type CsvUserRow =
  | { ok: true; username: string; mfaEnabled: boolean; attributes: Array<{ Name: string; Value: string }> }
  | { ok: false; message: string };

const BOOLEAN = /^(true|false)$/i;

/** Reads one data row; schema and username rules are checked later, as for AdminCreateUser. */
export function readCsvUserRow(
  header: readonly string[],
  fields: readonly string[],
  autoVerifiedAttributes: readonly string[],
): CsvUserRow {
  if (fields.length !== header.length) {
    return {
      ok: false,
      message: `The row has ${fields.length} values but the header has ${header.length} columns.`,
    };
  }
  const values = new Map<string, string>();
  header.forEach((column, index) => {
    const value = fields[index] ?? "";
    if (value !== "") values.set(column, value);
  });
  const username = values.get(USERNAME_COLUMN);
  if (!username) return { ok: false, message: "The User Record does not have a cognito:username." };
  const mfa = values.get(MFA_COLUMN);
  if (mfa === undefined || !BOOLEAN.test(mfa)) {
    return { ok: false, message: "The User Record must set cognito:mfa_enabled to true or false." };
  }
  for (const flag of ["email_verified", "phone_number_verified"]) {
    const value = values.get(flag);
    if (value !== undefined && !BOOLEAN.test(value)) {
      return { ok: false, message: `The User Record sets ${flag} to something other than true or false.` };
    }
    if (value !== undefined) values.set(flag, value.toLowerCase());
  }
  const verified = autoVerifiedAttributes.some(
    (attribute) => values.get(`${attribute}_verified`) === "true" && values.has(attribute),
  );
  if (!verified) {
    return {
      ok: false,
      message:
        "The User Record does not set any of the auto verified attributes to true. (Example: email_verified to true).",
    };
  }
  const attributes = [...values]
    .filter(([name]) => name !== USERNAME_COLUMN && name !== MFA_COLUMN)
    .map(([Name, Value]) => ({ Name, Value }));
  return { ok: true, username, mfaEnabled: mfa.toLowerCase() === "true", attributes };
}
