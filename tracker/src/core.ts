// The shared core: builds and sends payloads, applies the ignore rules, and measures
// engagement (scroll depth and engaged time) of the current page.
//
// Written for size: closures and short-lived locals (which the minifier renames), no
// classes, no internal objects with property names. Options that only exist in some
// builds are read behind build-time flags (src/flags.d.ts), so the default script
// carries none of their code.
import type { CallbackResult, Payload, Props, Track } from './types.ts';

export interface CoreOptions {
  /** Hash-based routing: send `h: 1`. */
  hash?: boolean | undefined;
  /** Capture on localhost and in automated browsers. */
  local?: boolean | undefined;
  /** Properties added to every event (explicit `props` win). */
  props?: ((name: string) => Props | undefined) | undefined;
  /** Last look at (or replacement of) every payload; falsy drops the event. */
  transform?: ((payload: Payload) => Payload | null | undefined | false) | undefined;
}

type Win = Record<string, unknown>;

export function core(domain: string, endpoint: string | URL, c: CoreOptions): Track {
  // Build flags are literals after DefinePlugin: the bundler drops code behind `false`.
  const hash = QUSTO_NPM ? c.hash : QUSTO_HASH;
  const w = window as unknown as Win;
  const d = document;
  const l = location;

  // Engagement of the page of the last sent pageview.
  let pageUrl: string | false | null | undefined; // falsy: nothing to report (no pageview yet, or it was ignored)
  let pageProps: Props | undefined;
  let maxPx = 0; // deepest scroll position seen (bottom of the viewport, px)
  let sentPx = -1; // maxPx when last reported
  let time = 0; // engaged ms banked
  let since = 0; // when the running engaged stretch began (0 = not running)

  const engaged = () => time + (since && Date.now() - since);
  const bottom = () => scrollY + innerHeight;

  const send = (p: Payload, cb?: (r: CallbackResult) => void) => {
    // A string body makes the Content-Type text/plain: no CORS preflight.
    fetch(endpoint, { method: 'POST', body: JSON.stringify(p), keepalive: true }).then(
      (r) => cb?.({ status: r.status }),
      (e: unknown) => cb?.({ error: e }),
    );
  };

  // Reports engagement when there is something new: the first time for a page, when
  // the reader scrolled deeper, or after at least 3 s of further engaged time.
  const engage = () => {
    const e = engaged();
    if (pageUrl && (sentPx < maxPx || e >= 3000)) {
      const p: Payload = {
        n: 'engagement',
        sd: Math.round((maxPx / d.documentElement.scrollHeight) * 100),
        d: domain,
        u: pageUrl,
        p: pageProps,
        e,
      };
      if (hash) p.h = 1;
      sentPx = maxPx;
      time = since = 0;
      send(p);
    }
  };

  // Engaged time runs while the page is visible and focused; leaving, hiding the tab
  // or focusing another window banks it and reports.
  const onVisibility = () => {
    if (!d.hidden && d.hasFocus()) since ||= Date.now();
    else {
      time = engaged();
      since = 0;
      engage();
    }
  };
  d.addEventListener('visibilitychange', onVisibility);
  addEventListener('blur', onVisibility);
  addEventListener('focus', onVisibility);
  addEventListener('scroll', () => {
    maxPx = Math.max(maxPx, bottom());
  });

  // Why an event must not be sent, if it must not.
  const ignored = (): CallbackResult['ignored'] => {
    if (!(QUSTO_NPM ? c.local : QUSTO_LOCAL)) {
      // localhost, 127.x, [::1], and '' (file: URLs)
      if (/^(localhost|127(\.\d+){0,2}\.\d+|\[::1?\]|)$/.test(l.hostname)) return 'localhost';
      if ((navigator.webdriver || w._phantom || w.__nightmare || w.Cypress) && !w.__qusto && !w.__plausible) return 'automation';
    }
    try {
      if (localStorage.qusto_ignore == 'true' || localStorage.plausible_ignore == 'true') return 'qusto_ignore';
    } catch {
      // storage blocked: nothing to honour
    }
  };

  return (n, o = {}) => {
    const pageview = n == 'pageview';
    // A new pageview closes the engagement of the previous one (SPA navigation).
    if (pageview) engage();
    const url = (QUSTO_NPM || QUSTO_MANUAL) && (o.url || o.u);
    let why = ignored();
    let p: Payload | null | undefined | false;
    if (!why) {
      p = { n, u: url ? new URL(url, l.href).href : l.href, d: domain, r: d.referrer || null };
      let pp = o.props;
      if ((QUSTO_NPM || QUSTO_PROPS) && c.props) pp = { ...c.props(n), ...pp };
      if (pp) p.p = pp;
      if (o.revenue) p.$ = o.revenue;
      if (o.interactive === false) p.i = false;
      if (hash) p.h = 1;
      if (QUSTO_NPM && c.transform && !(p = c.transform(p))) why = 'transformRequest';
    }
    if (pageview) {
      pageUrl = p && p.u;
      pageProps = (p && p.p) as Props | undefined; // read only while pageUrl is set
      sentPx = -1;
      maxPx = bottom();
      time = 0;
      since = Date.now();
    }
    if (p) send(p, o.callback);
    else o.callback?.({ ignored: why });
  };
}
