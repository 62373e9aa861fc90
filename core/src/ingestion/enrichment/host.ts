// Hostname helpers shared by the referrer and spam stages.

/** Lower-cases, trims and drops a trailing dot: `WWW.Example.COM.` -> `www.example.com`. */
export function normaliseHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.endsWith('.')) h = h.slice(0, -1);
  return h;
}

/** Drops one leading `www.` (Plausible's `String.replace_prefix(host, "www.", "")`). */
export function stripWww(host: string): string {
  return host.startsWith('www.') ? host.slice(4) : host;
}

/**
 * The host itself, then each parent domain, longest first:
 * `a.b.example.com` -> `a.b.example.com`, `b.example.com`, `example.com`, `com`.
 */
export function* hostSuffixes(host: string): Generator<string> {
  let h = host;
  for (;;) {
    if (h) yield h;
    const dot = h.indexOf('.');
    if (dot === -1) return;
    h = h.slice(dot + 1);
  }
}
