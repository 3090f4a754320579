/**
 * Password hashes made by other systems and brought in by `cognate import` (bcrypt, scrypt, PBKDF2, and
 * argon2 with other parameters). Such a hash is verified as it is until the user's first successful
 * password sign-in, which replaces it with Cognate's argon2id hash and adds the SRP verifier.
 */
export interface ForeignPasswordHashes {
  /**
   * The format's name ("bcrypt", "scrypt", "pbkdf2-sha256", "argon2id", …), or undefined for a string this
   * verifier does not understand or whose cost parameters are out of bounds (so import can refuse it).
   */
  formatOf(hash: string): string | undefined;
  /** False for a wrong password and for a hash formatOf does not recognise. */
  verify(hash: string, password: string): Promise<boolean>;
}
