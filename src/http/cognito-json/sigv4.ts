import type { Clock } from "../../ports/clock.js";
import type { JsonRequest } from "./json-protocol.js";

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SigV4VerifierOptions {
  service: string;
  region: string;
  clock: Clock;
  credentials: readonly SigningCredentials[];
}

/** PLACEHOLDER (being written): returns a function that throws ProtocolError unless the request is validly signed. */
export function createSigV4Verifier(_options: SigV4VerifierOptions): (request: JsonRequest) => void {
  return () => {};
}
