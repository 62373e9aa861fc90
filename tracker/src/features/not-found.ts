// 404 pages: a "404" event when the page was served with status 404 (Navigation Timing
// `responseStatus`, where the browser exposes it: Chromium 109+) or when the script tag
// has a `data-404` attribute (for other browsers and for SPA error views). The server
// fills props.path from the page URL for this event name, as Plausible's does.
import type { Track } from '../types.ts';

export function notFound(track: Track, script: Element | null): void {
  const nav = performance.getEntriesByType?.('navigation')[0] as (PerformanceNavigationTiming & { responseStatus?: number }) | undefined;
  if (script?.hasAttribute('data-404') || nav?.responseStatus == 404) track('404');
}
