/** Randomness is a dependency so id and secret generation can be made deterministic in tests. */
export interface RandomSource {
  bytes(length: number): Uint8Array;
  uuid(): string;
}
