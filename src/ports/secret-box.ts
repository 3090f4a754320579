/**
 * Encrypts secrets at rest (client secrets, signing keys, SRP verifiers, TOTP secrets) under the master key.
 * `purpose` is bound into the ciphertext so a value sealed for one use cannot be opened as another.
 */
export interface SecretBox {
  seal(plaintext: string, purpose: string): string;
  open(sealed: string, purpose: string): string;
}
