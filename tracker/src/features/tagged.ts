// Tagged events: CSS classes on the clicked element (or up to 3 ancestors) or on a
// submitted form name the event and its properties:
//   class="qusto-event-name=Signup qusto-event-plan=pro"   (or plausible-event-…)
// `--` may replace `=` and `+` stands for a space. With the revenue extension,
// `qusto-revenue-amount=10 qusto-revenue-currency=EUR` add revenue.
import type { Props, Revenue, Track } from '../types.ts';

type Attrs = [name: string | undefined, props: Props, revenue: Revenue | undefined];

const CLASS = /^(?:qusto|plausible)-(event|revenue)-(.+?)(?:=|--)(.+)$/;

export function tagAttrs(el: Element, revenue: boolean | undefined): Attrs {
  const a: Attrs = [undefined, {}, undefined];
  for (const c of Array.from(el.classList || [])) {
    const m = CLASS.exec(c);
    if (m) {
      const key = m[2]!;
      const v = m[3]!.replace(/\+/g, ' ');
      if (m[1] == 'event') {
        if (key == 'name') a[0] = v;
        else a[1][key] = v;
      } else if (QUSTO_REVENUE && revenue) (a[2] ||= {} as Revenue)[key as keyof Revenue] = v;
    }
  }
  return a;
}

/** The tagged element hit by a click (itself or up to 3 ancestors) and the link among them. */
export function findTagged(t: EventTarget | null): [Element, HTMLAnchorElement | undefined] | undefined {
  let el = t as Element | null;
  let link: HTMLAnchorElement | undefined;
  let found: Element | undefined;
  for (let i = 0; el && i < 4; i++, el = el.parentElement) {
    // Clicks inside forms are not tagged events: the form's submit is.
    if (el.tagName == 'FORM') return;
    if (el.tagName == 'A') link = el as HTMLAnchorElement;
    if (tagAttrs(el, false)[0]) found = el;
  }
  return found && [found, link];
}

export function taggedEvents(track: Track, revenue: boolean | undefined): void {
  const send = (el: Element, url?: string) => {
    const [name, props, rev] = tagAttrs(el, revenue);
    if (name) {
      if (url) props.url = url;
      track(name, { props, revenue: rev });
    }
  };
  const click = (e: Event) => {
    if (e.type == 'auxclick' && (e as MouseEvent).button != 1) return;
    const hit = findTagged(e.target);
    if (hit) send(hit[0], hit[1]?.href);
  };
  const d = document;
  d.addEventListener('click', click);
  d.addEventListener('auxclick', click);
  d.addEventListener('submit', (e) => send(e.target as Element));
}
