import { lazy, Suspense, useEffect } from 'react';
import { TopBar } from './components/TopBar.tsx';
import { Footer } from './components/Footer.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { SiteDashboard } from './pages/SiteDashboard.tsx';
import { Sites } from './pages/Sites.tsx';
import { isEmbedded } from './pages/site/share-params.ts';
import { matchRoute, usePathname, useSearch, type Route } from './router.tsx';

// Pages off the dashboard's path load on demand, keeping the initial bundle small.
const PasswordReset = lazy(() => import(/* webpackChunkName: "page-password-reset" */ './pages/auth/PasswordReset.tsx'));
const EmailChange = lazy(() => import(/* webpackChunkName: "page-email-change" */ './pages/auth/EmailChange.tsx'));
const AcceptInvitation = lazy(() => import(/* webpackChunkName: "page-invitation" */ './pages/auth/AcceptInvitation.tsx'));
const Account = lazy(() => import(/* webpackChunkName: "page-account" */ './pages/account/Account.tsx'));
const SiteSettings = lazy(() => import(/* webpackChunkName: "page-site-settings" */ './pages/settings/SiteSettings.tsx'));
const SharedDashboard = lazy(() => import(/* webpackChunkName: "page-shared" */ './pages/SharedDashboard.tsx'));

export function titleOf(route: Route): string {
  switch (route.page) {
    case 'site':
      return `${route.domain} · Qusto`;
    case 'site-settings':
      return `Settings · ${route.domain} · Qusto`;
    case 'share':
      return `${route.domain} · Qusto`;
    case 'login':
      return 'Sign in · Qusto';
    case 'register':
      return 'Create account · Qusto';
    case 'password-reset':
      return 'Reset password · Qusto';
    case 'email-change':
      return 'Confirm email · Qusto';
    case 'invitation':
      return 'Invitation · Qusto';
    case 'account':
      return 'Account · Qusto';
    case 'not-found':
      return 'Page not found · Qusto';
    default:
      return 'Qusto';
  }
}

function PageLoading() {
  return <div className="mx-auto h-64 max-w-6xl animate-pulse px-4 py-10 sm:px-6" aria-busy="true" aria-label="Loading" />;
}

export function App() {
  const pathname = usePathname();
  const route = matchRoute(pathname);
  // A shared dashboard inside another site's iframe: the dashboard alone.
  const embedded = isEmbedded(pathname, useSearch());
  const title = titleOf(route);
  useEffect(() => {
    document.title = title;
  }, [title]);

  return (
    <>
      {!embedded && <TopBar />}
      <main className="flex-1">
        <Suspense fallback={<PageLoading />}>
          {route.page === 'welcome' && <Sites />}
          {(route.page === 'login' || route.page === 'register') && <SignIn key={route.page} mode={route.page} />}
          {route.page === 'password-reset' && <PasswordReset />}
          {route.page === 'email-change' && <EmailChange />}
          {route.page === 'invitation' && <AcceptInvitation key={route.token} token={route.token} />}
          {route.page === 'account' && <Account section={route.section} />}
          {route.page === 'site' && <SiteDashboard key={route.domain} domain={route.domain} />}
          {route.page === 'site-settings' && <SiteSettings key={route.domain} domain={route.domain} section={route.section} />}
          {route.page === 'share' && <SharedDashboard key={route.domain} domain={route.domain} />}
          {route.page === 'not-found' && <NotFound path={route.path} />}
        </Suspense>
      </main>
      {!embedded && <Footer />}
    </>
  );
}
