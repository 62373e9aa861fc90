// Form submissions: "Form: Submission", unless the form carries a tagged event (then the
// tagged event is sent instead). Like Plausible's tracker it sends no props: the server
// fills props.path from the page URL for this event name.
import type { Track } from '../types.ts';
import { tagAttrs } from './tagged.ts';

export function formSubmissions(track: Track, tagged: boolean | undefined): void {
  document.addEventListener(
    'submit',
    (e) => {
      if (!(tagged && tagAttrs(e.target as Element, false)[0])) track('Form: Submission');
    },
    true,
  );
}
