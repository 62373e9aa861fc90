import { Link, usePathname } from '../router.tsx';
import { AccountMenu } from './AccountMenu.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';
import { Wordmark } from './Wordmark.tsx';

export function TopBar() {
  const pathname = usePathname();
  const navClass = (active: boolean) =>
    `rounded-md px-3 py-1.5 text-sm font-medium transition ${
      active
        ? 'bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-white'
        : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white'
    }`;
  return (
    <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/85 backdrop-blur dark:border-slate-800 dark:bg-slate-900/80">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-4 sm:px-6">
        <Link to="/" aria-label="Qusto home" className="rounded-md focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-indigo-600">
          <Wordmark />
        </Link>
        {/* A shared link's visitor has no sites of their own to go to. */}
        {!pathname.startsWith('/share/') && (
          <nav aria-label="Main" className="flex items-center gap-1">
            <Link to="/" className={navClass(pathname === '/')} aria-current={pathname === '/' ? 'page' : undefined}>
              Sites
            </Link>
          </nav>
        )}
        <div className="ml-auto flex items-center gap-2">
          <AccountMenu />
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}
