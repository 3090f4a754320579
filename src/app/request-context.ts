/** What a use case may know about the request that invoked it; no wire types. */
export interface RequestContext {
  requestId: string;
  /** Caller address, for rate limits and risk signals. */
  sourceIp: string;
  /** True when the call carried a valid SigV4 signature (admin credentials). */
  signed: boolean;
}
