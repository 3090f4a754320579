import type { Clock } from "../../src/ports/clock.js";

/** A clock tests move by hand (lockout schedules, expiries). */
export class FakeClock implements Clock {
  constructor(private current = new Date()) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}
