// Checks a presented client secret (SECRET_HASH key, client_secret_basic/post) against a client's active
// secrets. During a rotation a client has two, and either one authenticates.
// - Every active secret is compared, whatever the outcome of the others, so the time taken does not reveal
//   which secret matched.
// - The comparison itself is injected and must be constant-time (app/user-pools/client-secrets.ts passes one
//   built on node:crypto), keeping this rule free of I/O and platform imports.
// - No active secrets, or an empty presented secret, never match.

/**
 * Compares the presented secret with one active secret in time independent of where they differ (and of
 * their lengths). `Active` is however the caller holds an active secret (its value, or its stored form).
 */
export type ConstantTimeEqual<Active = string> = (presented: string, active: Active) => boolean;

export function matchesActiveClientSecret<Active>(
  presented: string,
  activeSecrets: readonly Active[],
  equal: ConstantTimeEqual<Active>,
): boolean {
  let matched = false;
  for (const active of activeSecrets) {
    const same = equal(presented, active);
    matched = matched || same;
  }
  return matched && presented.length > 0;
}
