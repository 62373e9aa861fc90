import { Link } from '../router.tsx';

export function NotFound({ path }: { path: string }) {
  return (
    <div className="mx-auto flex max-w-6xl flex-col items-center px-4 py-24 text-center sm:px-6">
      <p className="text-sm font-semibold text-indigo-600 dark:text-indigo-400">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">Page not found</h1>
      <p className="mt-3 max-w-md text-sm text-slate-600 dark:text-slate-400">
        There is nothing at <code className="font-mono text-slate-800 dark:text-slate-200">{path}</code>. Site dashboards
        live at <code className="font-mono whitespace-nowrap text-slate-800 dark:text-slate-200">/your-domain.com</code>.
      </p>
      <Link
        to="/"
        className="mt-6 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        Back to Qusto
      </Link>
    </div>
  );
}
