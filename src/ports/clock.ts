/** Time is a dependency so rules (lockout, expiry) can be tested with an injected clock. */
export interface Clock {
  now(): Date;
}
