// OAuth scopes exactly as Cognito grants them (developer guide: authorization endpoint, token endpoint,
// "Scopes, M2M, and API authorization with resource servers").
// - The scope parameter is space-separated; each value must be one the app client allows
//   (AllowedOAuthScopes), else invalid_scope. Unknown characters are invalid_scope too.
// - Without a scope parameter the authorization endpoint grants every scope the client allows.
// - email, phone and profile need openid; openid is what makes an ID token and userInfo possible.
// - aws.cognito.signin.user.admin is granted only when the client allows it (and it was requested, or
//   the request named no scopes); it authorizes the self-service API actions.
// - A custom scope "<resource server identifier>/<scope name>" must still exist in the pool.
// - client_credentials grants only custom scopes: without a scope parameter, every custom scope the
//   client allows that still exists; a standard scope is invalid_scope there.
// - Granted scopes are returned sorted (the order Cognito's tokens show them in).

export const OPENID = "openid";
export const SIGNIN_ADMIN_SCOPE = "aws.cognito.signin.user.admin";
const NEEDS_OPENID = ["email", "phone", "profile"];
const STANDARD = new Set([OPENID, SIGNIN_ADMIN_SCOPE, ...NEEDS_OPENID]);
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

export type ScopeResolution = { ok: true; scopes: string[] } | { ok: false; description: string };

/** The values of a scope parameter; undefined when it is absent or blank. */
export function parseScopeParameter(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const scopes = [...new Set(value.split(" ").filter((scope) => scope.length > 0))];
  return scopes.length === 0 ? undefined : scopes;
}

export const isStandardScope = (scope: string) => STANDARD.has(scope);

const invalid = (description: string): ScopeResolution => ({ ok: false, description });
const granted = (scopes: Iterable<string>): ScopeResolution => ({ ok: true, scopes: [...scopes].sort() });

/** Scopes for the authorization endpoint (code and implicit grants). */
export function resolveUserScopes(
  requested: readonly string[] | undefined,
  allowed: readonly string[],
  customExists: (scope: string) => boolean,
): ScopeResolution {
  const usable = (scope: string) => isStandardScope(scope) || customExists(scope);
  if (requested === undefined) {
    const scopes = allowed.filter(usable);
    const hasOpenid = scopes.includes(OPENID);
    const result = scopes.filter((scope) => hasOpenid || !NEEDS_OPENID.includes(scope));
    return result.length === 0 ? invalid("The app client allows no usable scope.") : granted(result);
  }
  for (const scope of requested) {
    if (!SCOPE_TOKEN.test(scope)) return invalid("The scope parameter holds an invalid character.");
    if (!allowed.includes(scope)) return invalid(`The app client is not allowed the scope ${scope}.`);
    if (!usable(scope)) return invalid(`The scope ${scope} does not exist.`);
  }
  const needsOpenid = requested.find((scope) => NEEDS_OPENID.includes(scope));
  if (needsOpenid !== undefined && !requested.includes(OPENID)) {
    return invalid(`The scope ${needsOpenid} can only be requested together with openid.`);
  }
  return granted(requested);
}

/** Scopes for grant_type=client_credentials. */
export function resolveClientCredentialsScopes(
  requested: readonly string[] | undefined,
  allowed: readonly string[],
  customExists: (scope: string) => boolean,
): ScopeResolution {
  if (requested === undefined) {
    const scopes = allowed.filter((scope) => !isStandardScope(scope) && customExists(scope));
    return scopes.length === 0 ? invalid("The app client allows no existing custom scope.") : granted(scopes);
  }
  for (const scope of requested) {
    if (!SCOPE_TOKEN.test(scope)) return invalid("The scope parameter holds an invalid character.");
    if (isStandardScope(scope))
      return invalid(`The scope ${scope} is not supported with client_credentials.`);
    if (!allowed.includes(scope)) return invalid(`The app client is not allowed the scope ${scope}.`);
    if (!customExists(scope)) return invalid(`The scope ${scope} does not exist.`);
  }
  return granted(requested);
}

/**
 * The attributes an ID token and userInfo may carry for these scopes: with openid alone (or with
 * profile), everything the client may read; with email and/or phone but no profile, only those
 * attributes (and their verified flags) that the client may read.
 */
export function attributesForScopes(
  scopes: readonly string[],
  readable: ReadonlySet<string>,
): ReadonlySet<string> {
  const email = scopes.includes("email");
  const phone = scopes.includes("phone");
  if (scopes.includes("profile") || (!email && !phone)) return readable;
  const limited = [
    ...(email ? ["email", "email_verified"] : []),
    ...(phone ? ["phone_number", "phone_number_verified"] : []),
  ];
  return new Set(limited.filter((name) => readable.has(name)));
}
