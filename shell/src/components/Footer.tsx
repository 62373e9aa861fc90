import { useQusto } from '@qusto/sdk/ui';

export function Footer() {
  const { shellVersion } = useQusto();
  return (
    <footer className="border-t border-slate-200 dark:border-slate-800">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-5 text-xs text-slate-500 sm:px-6 dark:text-slate-500">
        <span>Qusto {shellVersion}</span>
        <span aria-hidden="true" className="hidden sm:inline">
          ·
        </span>
        <span>Privacy-first web analytics: no cookies, no personal data</span>
        <a
          href="https://www.gnu.org/licenses/agpl-3.0.html"
          className="ml-auto hover:text-slate-700 dark:hover:text-slate-300"
          rel="noreferrer"
          target="_blank"
        >
          AGPL-3.0
        </a>
      </div>
    </footer>
  );
}
