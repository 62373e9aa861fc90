import { useEffect } from 'react';
import { TopBar } from './components/TopBar.tsx';
import { Footer } from './components/Footer.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { SiteDashboard } from './pages/SiteDashboard.tsx';
import { Sites } from './pages/Sites.tsx';
import { matchRoute, usePathname } from './router.tsx';

export function App() {
  const route = matchRoute(usePathname());

  const title =
    route.page === 'site'
      ? `${route.domain} · Qusto`
      : route.page === 'not-found'
        ? 'Page not found · Qusto'
        : route.page === 'login'
          ? 'Sign in · Qusto'
          : route.page === 'register'
            ? 'Create account · Qusto'
            : 'Qusto';
  useEffect(() => {
    document.title = title;
  }, [title]);

  return (
    <>
      <TopBar />
      <main className="flex-1">
        {route.page === 'welcome' && <Sites />}
        {(route.page === 'login' || route.page === 'register') && <SignIn key={route.page} mode={route.page} />}
        {route.page === 'site' && <SiteDashboard key={route.domain} domain={route.domain} />}
        {route.page === 'not-found' && <NotFound path={route.path} />}
      </main>
      <Footer />
    </>
  );
}
