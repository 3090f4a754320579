import { InvalidParameterException } from "../errors.js";

// ListUsers' Filter, as Cognito parses it:
// - `name = "value"` (exact) or `name ^= "value"` (starts with); spaces around the operator optional;
// - the name may itself be quoted (`"email"^="x"`, the model's own example);
// - the value must be in double quotes; a backslash escapes the next character (`\"`, `\\`);
// - an empty or blank filter means no filter;
// - anything else is InvalidParameterException "Error while parsing filter.";
// - only the searchable standard attributes may be named: others (custom attributes included) are
//   InvalidParameterException "Invalid search attribute: {name}".

export const SEARCHABLE_ATTRIBUTES = [
  "username",
  "email",
  "phone_number",
  "name",
  "given_name",
  "family_name",
  "preferred_username",
  "cognito:user_status",
  "status",
  "sub",
] as const;

export type SearchableAttribute = (typeof SEARCHABLE_ATTRIBUTES)[number];

export interface ListUsersFilter {
  attribute: SearchableAttribute;
  operator: "=" | "^=";
  value: string;
}

const parseError = () => new InvalidParameterException("Error while parsing filter.");

const isSpace = (character: string | undefined) => character !== undefined && /\s/.test(character);

/** Reads a double-quoted string starting at `start` (which holds the opening quote). */
function readQuoted(text: string, start: number): { value: string; end: number } {
  let value = "";
  for (let i = start + 1; i < text.length; i++) {
    const character = text[i] as string;
    if (character === "\\") {
      i += 1;
      if (i >= text.length) break;
      value += text[i];
    } else if (character === '"') {
      return { value, end: i + 1 };
    } else {
      value += character;
    }
  }
  throw parseError();
}

function isSearchable(name: string): name is SearchableAttribute {
  return (SEARCHABLE_ATTRIBUTES as readonly string[]).includes(name);
}

/** Parses a Filter; undefined when it is absent or blank (every user is listed). */
export function parseListUsersFilter(filter: string | undefined): ListUsersFilter | undefined {
  if (filter === undefined || filter.trim() === "") return undefined;
  const text = filter;
  let i = 0;
  const skipSpaces = () => {
    while (isSpace(text[i])) i += 1;
  };

  skipSpaces();
  let name: string;
  if (text[i] === '"') {
    const quoted = readQuoted(text, i);
    name = quoted.value;
    i = quoted.end;
  } else {
    const start = i;
    while (i < text.length && !isSpace(text[i]) && !["=", "^", '"'].includes(text[i] as string)) i += 1;
    name = text.slice(start, i);
  }
  if (name === "") throw parseError();

  skipSpaces();
  let operator: ListUsersFilter["operator"];
  if (text.startsWith("^=", i)) {
    operator = "^=";
    i += 2;
  } else if (text[i] === "=") {
    operator = "=";
    i += 1;
  } else {
    throw parseError();
  }

  skipSpaces();
  if (text[i] !== '"') throw parseError();
  const quoted = readQuoted(text, i);
  i = quoted.end;
  skipSpaces();
  if (i !== text.length) throw parseError();

  if (!isSearchable(name)) throw new InvalidParameterException(`Invalid search attribute: ${name}`);
  return { attribute: name, operator, value: quoted.value };
}
