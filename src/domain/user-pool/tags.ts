import { stringMapField } from "./json-fields.js";
import { checkTagLimit } from "./settings-rules.js";
import type { UserPoolSettings } from "./user-pool.js";

// Tag rules: TagResource adds or overwrites keys, UntagResource removes keys (unknown keys are ignored),
// and a pool never holds more than 50 tags. Tags live in the settings as UserPoolTags.

export const tagsOf = (settings: UserPoolSettings): Record<string, string> =>
  stringMapField(settings, "UserPoolTags") ?? {};

export function withTags(settings: UserPoolSettings, added: Record<string, string>): UserPoolSettings {
  const tags = { ...tagsOf(settings), ...added };
  checkTagLimit(tags);
  return { ...settings, UserPoolTags: tags };
}

export function withoutTags(settings: UserPoolSettings, keys: readonly string[]): UserPoolSettings {
  const tags = tagsOf(settings);
  for (const key of keys) delete tags[key];
  return { ...settings, UserPoolTags: tags };
}
