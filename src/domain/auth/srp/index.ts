// The SRP engine the sign-in flows call: build it once with createSrpEngine(primitives) (main.ts passes
// integrations/crypto/modexp.ts's OpenSSL primitives) and hand it to the use cases.
export type { FakeSrpUser } from "./fake-srp-user.js";
export {
  createSrpEngine,
  DEFAULT_SRP_CLOCK_SKEW_SECONDS,
  type DeviceProofInput,
  deviceVerifierFromConfig,
  parseSrpA,
  type SrpEngine,
  type SrpProofCheck,
  type SrpServerSession,
  type SrpServerState,
  type SrpVerifier,
  type UserProofInput,
} from "./srp-engine.js";
export { padHex, SRP_G, SRP_K, SRP_N } from "./srp-group.js";
export type { SrpPrimitives } from "./srp-primitives.js";
export { formatSrpTimestamp, parseSrpTimestamp } from "./srp-timestamp.js";
