import type { KeyValueStorageInterface } from "aws-amplify/utils";

/** Amplify's key-value token store, kept in memory where a test can read what Amplify saved. */
export class AmplifyMemoryStorage implements KeyValueStorageInterface {
  readonly items = new Map<string, string>();
  async setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  async getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  async removeItem(key: string) {
    this.items.delete(key);
  }
  async clear() {
    this.items.clear();
  }
  /** The value Amplify stored under a key ending in `.${suffix}` (refreshToken, deviceKey, …). */
  find(suffix: string): string | undefined {
    for (const [key, value] of this.items) if (key.endsWith(`.${suffix}`)) return value;
    return undefined;
  }
}
