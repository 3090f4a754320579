import { ConfigError } from "./config-error.js";

// Value parsers for the configuration: each names the variable in its error, so a bad setting says
// exactly what to fix.

export function parsePort(value: string, name: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw new ConfigError(`${name} must be a port number from 0 to 65535, got "${value}"`);
  }
  return Number(value);
}

export function parseChoice<T extends string>(value: string, name: string, choices: readonly T[]): T {
  const upper = choices.find((choice) => choice.toLowerCase() === value.toLowerCase());
  if (!upper) throw new ConfigError(`${name} must be one of ${choices.join(", ")}, got "${value}"`);
  return upper;
}

export function parseInteger(value: string, name: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return Number(value);
}

export function parseBoolean(value: string, name: string): boolean {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off|)$/i.test(value)) return false;
  throw new ConfigError(`${name} must be true or false, got "${value}"`);
}
