import { isPlainObject, type JsonObject, type JsonValue } from "../../shared/json.js";

// The file `cognate apply` reads (YAML or JSON, parsed before it gets here):
//   userPools:
//     - PoolName: loyalty-app          # PascalCase keys are Cognito's own request members, as in the API
//       id: us-east-1_Loyalty01        # lower-case keys are Cognate's: id pins the id of a new pool
//       UsernameAttributes: [email]
//       clients:         [{ClientName, id?, …CreateUserPoolClient members}]
//       groups:          [{GroupName, Description?, Precedence?, RoleArn?}]
//       resourceServers: [{Identifier, Name, Scopes?}]
//       domain:          loyalty-app   (or {Domain, CustomDomainConfig?})
//       users:           [{username, password?, temporary?, attributes?: {name: value}, groups?, enabled?}]
// Pools are matched by PoolName, clients by ClientName, groups by GroupName, resource servers by
// Identifier, users by username. Unknown lower-case keys are refused, so a typo is an error, not a no-op.

export class DeclarationError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = "DeclarationError";
  }
}

export interface SeedUser {
  username: string;
  password?: string;
  temporary: boolean;
  attributes: Record<string, string>;
  groups?: string[];
  enabled?: boolean;
}

export interface DeclaredClient {
  name: string;
  id?: string;
  input: JsonObject;
}

export interface DeclaredPool {
  path: string;
  name: string;
  id?: string;
  input: JsonObject;
  clients: DeclaredClient[];
  groups: JsonObject[];
  resourceServers: JsonObject[];
  domain?: JsonObject;
  users: SeedUser[];
}

const POOL_KEYS = ["id", "clients", "groups", "resourceServers", "domain", "users"];
const USER_KEYS = ["username", "password", "temporary", "attributes", "groups", "enabled"];

/** PascalCase members pass through to Cognito; lower-case keys must be known. */
function split(
  value: JsonObject,
  known: readonly string[],
  path: string,
): { cognito: JsonObject; own: JsonObject } {
  const cognito: JsonObject = {};
  const own: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    if (/^[A-Z]/.test(key)) cognito[key] = member;
    else if (known.includes(key)) own[key] = member;
    else
      throw new DeclarationError(
        path,
        `unknown key "${key}" (Cognate keys: ${known.join(", ")}; Cognito members start with a capital)`,
      );
  }
  return { cognito, own };
}

function list(value: JsonValue | undefined, path: string): JsonObject[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new DeclarationError(path, "must be a list");
  return value.map((item, index) => {
    if (!isPlainObject(item)) throw new DeclarationError(`${path}[${index}]`, "must be a mapping");
    return item as JsonObject;
  });
}

function text(value: JsonValue | undefined, path: string): string {
  if (typeof value !== "string" || value === "")
    throw new DeclarationError(path, "must be a non-empty string");
  return value;
}

function seedUser(value: JsonObject, path: string): SeedUser {
  const { cognito, own } = split(value, USER_KEYS, path);
  if (Object.keys(cognito).length > 0)
    throw new DeclarationError(path, `unknown key "${Object.keys(cognito)[0]}"`);
  const attributes: Record<string, string> = {};
  const declared = own.attributes;
  if (declared !== undefined) {
    if (!isPlainObject(declared))
      throw new DeclarationError(`${path}.attributes`, "must be a mapping of name: value");
    for (const [name, attribute] of Object.entries(declared)) {
      if (attribute === null || typeof attribute === "object") {
        throw new DeclarationError(`${path}.attributes.${name}`, "must be a string, number or boolean");
      }
      attributes[name] = String(attribute);
    }
  }
  const groups = own.groups;
  if (groups !== undefined && (!Array.isArray(groups) || groups.some((group) => typeof group !== "string"))) {
    throw new DeclarationError(`${path}.groups`, "must be a list of group names");
  }
  return {
    username: text(own.username, `${path}.username`),
    ...(own.password !== undefined ? { password: text(own.password, `${path}.password`) } : {}),
    temporary: own.temporary === true,
    attributes,
    ...(groups !== undefined ? { groups: groups as string[] } : {}),
    ...(typeof own.enabled === "boolean" ? { enabled: own.enabled } : {}),
  };
}

/** Checks the shape and splits each entry into Cognito input and Cognate's own keys. */
export function readDeclaration(document: unknown): DeclaredPool[] {
  if (!isPlainObject(document))
    throw new DeclarationError("(file)", "must be a mapping with a userPools list");
  const unknown = Object.keys(document).filter((key) => key !== "userPools");
  if (unknown.length > 0)
    throw new DeclarationError("(file)", `unknown top-level key "${unknown[0]}" (expected userPools)`);
  const names = new Set<string>();
  return list(document.userPools as JsonValue, "userPools").map((entry, index) => {
    const path = `userPools[${index}]`;
    const { cognito, own } = split(entry, POOL_KEYS, path);
    const name = text(cognito.PoolName, `${path}.PoolName`);
    if (names.has(name)) throw new DeclarationError(path, `PoolName ${name} is declared twice`);
    names.add(name);
    const clients = list(own.clients, `${path}.clients`).map((client, i) => {
      const parts = split(client, ["id"], `${path}.clients[${i}]`);
      return {
        name: text(parts.cognito.ClientName, `${path}.clients[${i}].ClientName`),
        ...(parts.own.id !== undefined ? { id: text(parts.own.id, `${path}.clients[${i}].id`) } : {}),
        input: parts.cognito,
      };
    });
    const domain = own.domain;
    return {
      path,
      name,
      ...(own.id !== undefined ? { id: text(own.id, `${path}.id`) } : {}),
      input: cognito,
      clients,
      groups: list(own.groups, `${path}.groups`),
      resourceServers: list(own.resourceServers, `${path}.resourceServers`),
      ...(domain === undefined || domain === null
        ? {}
        : { domain: typeof domain === "string" ? { Domain: domain } : (domain as JsonObject) }),
      users: list(own.users, `${path}.users`).map((user, i) => seedUser(user, `${path}.users[${i}]`)),
    };
  });
}
