/**
 * Hashes user passwords for storage. Hashes are PHC strings (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`), so
 * the parameters travel with each hash and can be raised later: `needsRehash` says when a stored hash was
 * made with other parameters, and the caller re-hashes on the next successful sign-in.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password and for a hash this hasher does not understand. */
  verify(phc: string, password: string): Promise<boolean>;
  needsRehash(phc: string): boolean;
}
