/** Editing the custom-property allow-list: adding keys and listing suggestions not yet allowed. */

/** Up to 300 keys of up to 300 characters, as core accepts. */
export const MAX_ALLOWED_PROPS = 300;
export const MAX_PROP_KEY_LENGTH = 300;

/** Adds `key` (trimmed) unless it is empty, too long or already there; returns the list and a problem in words. */
export function addAllowedProp(list: readonly string[], key: string): { list: string[]; problem: string | null } {
  const trimmed = key.trim();
  if (!trimmed) return { list: [...list], problem: 'Enter a property name, e.g. plan' };
  if (trimmed.length > MAX_PROP_KEY_LENGTH) return { list: [...list], problem: `Property names are at most ${MAX_PROP_KEY_LENGTH} characters` };
  if (list.includes(trimmed)) return { list: [...list], problem: `${trimmed} is already on the list` };
  if (list.length >= MAX_ALLOWED_PROPS) return { list: [...list], problem: `At most ${MAX_ALLOWED_PROPS} properties can be listed` };
  return { list: [...list, trimmed], problem: null };
}

/** Seen keys that are not on the list yet, in the order seen (most used first). */
export function propSuggestions(seen: ReadonlyArray<{ key: string }>, list: readonly string[], limit = 20): string[] {
  const taken = new Set(list);
  return seen.map((s) => s.key).filter((key) => !taken.has(key)).slice(0, limit);
}
