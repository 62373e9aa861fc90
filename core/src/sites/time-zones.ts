/**
 * Which time zone names sites and stats accept. ICU's list (`Intl.supportedValuesOf`) still
 * uses retired names (`Asia/Calcutta`, `Europe/Kiev`, `Asia/Saigon`), while browsers, Plausible
 * and IANA's tzdata (ClickHouse's) use the current ones (`Asia/Kolkata`, `Europe/Kyiv`): both
 * are accepted. Names must be spelled as in tzdata (ClickHouse matches them case-sensitively).
 */
const LISTED = new Set([...Intl.supportedValuesOf('timeZone'), 'Etc/UTC', 'UTC']);
const IANA_NAME = /^[A-Z][A-Za-z_-]*(\/[A-Z][A-Za-z0-9_+-]*){1,2}$/;

function canonical(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function isIanaTimeZone(name: string): boolean {
  if (LISTED.has(name)) return true;
  if (!IANA_NAME.test(name)) return false;
  const known = canonical(name);
  // A link to a listed zone under another name (not the same name in other letter case).
  return known !== null && LISTED.has(known) && known.toLowerCase() !== name.toLowerCase();
}
