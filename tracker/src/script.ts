// Entry of the embeddable script (every variant). Configuration comes from its own tag:
//   <script defer data-domain="example.com" src="https://qusto.example/js/script.js"></script>
// data-domain   site domain(s), comma-separated for roll-ups
// data-api      event endpoint (default: the script's origin + /api/event)
// Variant-only attributes: file-types / add-file-types (file-downloads), event-<key>
// (pageview-props), data-404 (404).
import { core, type CoreOptions } from './core.ts';
import { pageviews } from './pageviews.ts';
import { DEFAULT_FILE_TYPES, links } from './features/links.ts';
import { taggedEvents } from './features/tagged.ts';
import { formSubmissions } from './features/forms.ts';
import { notFound } from './features/not-found.ts';
import type { EventOptions, Props } from './types.ts';

const w = window as unknown as Record<string, { q?: ArrayLike<unknown>[] } | undefined>;
const s = document.currentScript as HTMLScriptElement;
const attr = (name: string) => s.getAttribute(name);
const c: CoreOptions = {};

if (QUSTO_PROPS) {
  // event-author="Jane" on the script tag adds {author: "Jane"} to every event.
  let props: Props | undefined;
  for (const name of s.getAttributeNames()) if (name.startsWith('event-')) (props ||= {})[name.slice(6)] = attr(name);
  if (props) c.props = () => props;
}

const track = core(attr('data-domain')!, attr('data-api') || new URL('/api/event', s.src), c);

if (!QUSTO_MANUAL) pageviews(track, QUSTO_HASH);
if (QUSTO_404) notFound(track, s);
if (QUSTO_OUTBOUND || QUSTO_DOWNLOADS) {
  let types: string[] | undefined;
  if (QUSTO_DOWNLOADS) {
    const only = attr('file-types');
    const add = attr('add-file-types');
    types = only ? only.split(',') : add ? add.split(',').concat(DEFAULT_FILE_TYPES) : DEFAULT_FILE_TYPES;
  }
  links(track, QUSTO_OUTBOUND, types, QUSTO_TAGGED);
}
if (QUSTO_TAGGED) taggedEvents(track, QUSTO_REVENUE);
if (QUSTO_FORMS) formSubmissions(track, QUSTO_TAGGED);

// Replay calls queued by the snippet before the script loaded, then take over both
// names (window.plausible too, so a Plausible site switches by changing only the src).
const queued = [...(w.qusto?.q || []), ...(w.plausible?.q || [])];
w.qusto = w.plausible = track as never;
for (const a of queued) track(...(a as unknown as [string, EventOptions?]));
