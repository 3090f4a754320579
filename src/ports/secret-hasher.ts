/**
 * Keyed hashing for low-entropy secrets we must recognise but never store: one-time codes.
 * A keyed hash (not a bare SHA-256) so a database leak alone does not reveal 6-digit codes.
 */
export interface SecretHasher {
  /** Deterministic for the same (purpose, value); different purposes never collide. */
  hash(value: string, purpose: string): string;
}
