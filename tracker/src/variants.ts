// Script variants: Plausible-style legacy names, `script.<ext>.<ext>.js`.
// Pure data and string helpers (no DOM), shared by the build, the tests and core (which
// maps a requested /js/*.js path to a built file with `variantFile`).

/** Extensions in canonical (alphabetical) order. */
export const EXTENSIONS = [
  '404',
  'file-downloads',
  'form-submissions',
  'hash',
  'local',
  'manual',
  'outbound-links',
  'pageview-props',
  'revenue',
  'tagged-events',
] as const;
export type Extension = (typeof EXTENSIONS)[number];

/** Build-time flag (src/flags.d.ts) switched on by each extension. */
export const FLAGS: Record<Extension, string> = {
  '404': 'QUSTO_404',
  'file-downloads': 'QUSTO_DOWNLOADS',
  'form-submissions': 'QUSTO_FORMS',
  hash: 'QUSTO_HASH',
  local: 'QUSTO_LOCAL',
  manual: 'QUSTO_MANUAL',
  'outbound-links': 'QUSTO_OUTBOUND',
  'pageview-props': 'QUSTO_PROPS',
  revenue: 'QUSTO_REVENUE',
  'tagged-events': 'QUSTO_TAGGED',
};

/**
 * `script.all.js`: every feature that only adds events. The three mode switches are left
 * out because they change what the default does: `hash` (fragments become pages),
 * `manual` (no automatic pageviews) and `local` (counts localhost and automated browsers).
 */
export const ALL: readonly Extension[] = [
  '404',
  'file-downloads',
  'form-submissions',
  'outbound-links',
  'pageview-props',
  'revenue',
  'tagged-events',
];

/**
 * Canonical extension list: known names only, deduplicated, sorted; `all` expands to
 * ALL; `revenue` is dropped without `tagged-events` (custom events always accept
 * revenue, so it would change nothing). Returns null for an unknown extension.
 */
export function canonical(exts: readonly string[]): Extension[] | null {
  const set = new Set<Extension>();
  for (const e of exts) {
    if (e == 'all') ALL.forEach((x) => set.add(x));
    else if ((EXTENSIONS as readonly string[]).includes(e)) set.add(e as Extension);
    else return null;
  }
  if (!set.has('tagged-events')) set.delete('revenue');
  return EXTENSIONS.filter((e) => set.has(e));
}

/** File name of a variant: `script.js`, `script.hash.js`, `script.all.js`, … */
export function fileName(exts: readonly string[]): string {
  const c = canonical(exts);
  if (!c) throw new Error(`unknown tracker extension in ${exts.join('.')}`);
  if (c.length == ALL.length && ALL.every((e) => c.includes(e))) return 'script.all.js';
  return ['script', ...c, 'js'].join('.');
}

/**
 * Maps a requested script name (`script.js`, `qusto.js`, `plausible.js`,
 * `script.outbound-links.hash.js`, `plausible.all.js`, …) to the canonical file name,
 * or null if it is not a tracker name. Whether that file was built is a separate
 * question: see `dist/sizes.json`.
 */
export function variantFile(requested: string): string | null {
  const m = /^(?:script|qusto|plausible|analytics)((?:\.[a-z0-9-]+)*)\.js$/.exec(requested);
  if (!m) return null;
  const exts = m[1] ? m[1].slice(1).split('.') : [];
  return canonical(exts) ? fileName(exts) : null;
}

/** Variants built by default: the default, each single extension, and `all`. */
export function defaultVariants(): Extension[][] {
  // `revenue` alone equals the default, so it is built with `tagged-events`.
  const singles = EXTENSIONS.map((e): Extension[] => (e == 'revenue' ? ['revenue', 'tagged-events'] : [e]));
  return [[], ...singles, [...ALL]];
}

/** Every distinct variant (for a release build): all canonical combinations. */
export function allVariants(): Extension[][] {
  const out = new Map<string, Extension[]>();
  for (let mask = 0; mask < 1 << EXTENSIONS.length; mask++) {
    const exts = EXTENSIONS.filter((_, i) => mask & (1 << i));
    const c = canonical(exts)!;
    out.set(fileName(c), c);
  }
  return [...out.values()];
}
