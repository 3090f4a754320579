// Checks a presented client secret (SECRET_HASH key, client_secret_basic/post) against a client's active
// secrets. During a rotation a client has two, and either one authenticates.
// - Every active secret is compared, whatever the outcome of the others, so the time taken does not reveal
//   which secret matched.
// - The comparison itself is injected and must be constant-time (app/user-pools/client-secrets.ts passes one
//   built on node:crypto), keeping this rule free of I/O and platform imports.
// - No active secrets, or an empty presented secret, never match.

/** Compares two secrets in time independent of where they differ (and of their lengths). */
export type ConstantTimeEqual = (presented: string, active: string) => boolean;

export function matchesActiveClientSecret(
  presented: string,
  activeSecrets: readonly string[],
  equal: ConstantTimeEqual,
): boolean {
  let matched = false;
  for (const active of activeSecrets) {
    const same = equal(presented, active);
    matched = matched || same;
  }
  return matched && presented.length > 0;
}
