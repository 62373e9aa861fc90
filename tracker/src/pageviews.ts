// Automatic pageviews: the first one when the page is (or becomes) visible, then one
// per SPA navigation (history.pushState / replaceState, popstate, and hashchange in
// hash mode), and one when the page comes back from the back/forward cache.
// A navigation counts only when the path changes (path + fragment in hash mode), so a
// query-only change, a replaceState of the same path or a duplicate event is not a pageview.
import type { Track } from './types.ts';

export function pageviews(track: Track, hashMode: boolean | undefined): void {
  const hash = QUSTO_NPM ? hashMode : QUSTO_HASH;
  const l = location;
  const h = history;
  let last = ''; // key of the last counted page; a pathname never equals ''
  const page = () => {
    const key = hash ? l.pathname + l.hash : l.pathname;
    if (!document.hidden && key != last) {
      last = key;
      track('pageview');
    }
  };
  for (const m of ['pushState', 'replaceState'] as const) {
    const f = h[m];
    h[m] = function (this: History, ...a: Parameters<History['pushState']>) {
      f.apply(this, a);
      page();
    };
  }
  addEventListener('popstate', page);
  if (hash) addEventListener('hashchange', page);
  document.addEventListener('visibilitychange', page);
  addEventListener('pageshow', (e) => {
    if (e.persisted) {
      last = '';
      page();
    }
  });
  page();
}
