import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, setCsrfToken, setSessionLostHandler } from './api.js';
import { ErrorMessage } from './components/ErrorMessage.js';
import { Header } from './components/Header.js';
import { AccountPage } from './pages/AccountPage.js';
import { AdminPage } from './pages/AdminPage.js';
import { ApprovalsPage } from './pages/ApprovalsPage.js';
import { ClientsPage } from './pages/ClientsPage.js';
import { CostPage } from './pages/CostPage.js';
import { DashboardPage } from './pages/DashboardPage.js';
import { InboxPage } from './pages/InboxPage.js';
import { InvoicesPage } from './pages/InvoicesPage.js';
import { ItemPage } from './pages/ItemPage.js';
import { LeaveApprovalPage } from './pages/LeaveApprovalPage.js';
import { LeavePage } from './pages/LeavePage.js';
import { MyWorklogsPage } from './pages/MyWorklogsPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { ProjectListPage } from './pages/ProjectListPage.js';
import { ProjectPage } from './pages/ProjectPage.js';
import { ReportsPage } from './pages/ReportsPage.js';
import { SchedulePage } from './pages/SchedulePage.js';
import { SetPasswordPage } from './pages/SetPasswordPage.js';
import { SharedReportPage } from './pages/SharedReportPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { TeamPage } from './pages/TeamPage.js';
import { TeamsPage } from './pages/TeamsPage.js';
import { TimesheetPage } from './pages/TimesheetPage.js';
import { href, navigate, parseRoute, useHash, type Route } from './router.js';
import type { Me } from '../../src/contracts.js';

type Session =
  { state: 'checking' } | { state: 'signedOut' } | { state: 'failed'; error: unknown } | { state: 'signedIn'; me: Me };

export function App() {
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const route = parseRoute(useHash());

  const signedOut = useCallback(() => {
    setCsrfToken(null);
    setSession({ state: 'signedOut' });
  }, []);

  const signedIn = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setSession({ state: 'signedIn', me });
  }, []);

  useEffect(() => {
    setSessionLostHandler(signedOut);
    api.me().then(signedIn, (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) signedOut();
      else setSession({ state: 'failed', error });
    });
  }, [signedIn, signedOut]);

  const routeId =
    'key' in route ? `${route.name}:${route.key}` : 'id' in route ? `${route.name}:${route.id}` : route.name;
  useEffect(() => {
    // A block body on purpose: newer Chromium returns a Promise from scrollTo, which React would take for a cleanup.
    window.scrollTo(0, 0);
  }, [routeId]);

  async function signOut() {
    try {
      await api.signOut();
    } catch {
      // An expired session is as good as a deleted one; the sign-in form is the right next screen either way.
    }
    signedOut();
    navigate(href.projects());
  }

  if (session.state === 'checking') return <p className="muted page-loading">Loading…</p>;
  if (session.state === 'failed') {
    return (
      <main className="content">
        <ErrorMessage error={session.error} />
      </main>
    );
  }
  // A set-password link works signed out: it is how a new user gets their first password.
  if (route.name === 'setPassword' && session.state === 'signedOut') {
    return (
      <main className="content">
        <SetPasswordPage token={route.token} />
      </main>
    );
  }
  // A shared report (REP-6) opens signed out: it is how a client sees progress without an account.
  if (route.name === 'sharedReport' && session.state === 'signedOut') {
    return (
      <main className="content">
        <SharedReportPage token={route.token} />
      </main>
    );
  }
  if (session.state === 'signedOut') return <SignInPage onSignedIn={signedIn} />;

  return (
    <>
      <Header me={session.me} route={route} onSignOut={signOut} />
      <main className="content">{renderRoute(route, session.me)}</main>
    </>
  );
}

function renderRoute(route: Route, me: Me) {
  switch (route.name) {
    case 'projects':
      return <ProjectListPage />;
    case 'project':
      return <ProjectPage key={route.key} projectKey={route.key} tab={route.tab} />;
    case 'account':
      return <AccountPage me={me} />;
    case 'setPassword':
      return <SetPasswordPage token={route.token} />;
    case 'item':
      return <ItemPage key={route.key} itemKey={route.key} />;
    case 'myWorklogs':
      return <MyWorklogsPage />;
    case 'timesheet':
      return me.areas.includes('Timesheet') ? <TimesheetPage me={me} /> : <NotFoundPage />;
    case 'approvals':
      return me.areas.includes('Timesheet Approval') ? <ApprovalsPage /> : <NotFoundPage />;
    case 'inbox':
      return <InboxPage me={me} />;
    case 'invoices':
      return me.areas.includes('Cost') ? <InvoicesPage /> : <NotFoundPage />;
    case 'cost':
      return me.areas.includes('Cost') ? <CostPage /> : <NotFoundPage />;
    case 'sharedReport':
      return <SharedReportPage token={route.token} />;
    case 'clients':
      return me.areas.includes('Clients') ? <ClientsPage /> : <NotFoundPage />;
    case 'schedule':
      return me.areas.includes('Schedule') ? <SchedulePage /> : <NotFoundPage />;
    case 'leave':
      return me.areas.includes('Schedule') ? <LeavePage /> : <NotFoundPage />;
    case 'leaveApproval':
      return me.areas.includes('Leave Approval') ? <LeaveApprovalPage /> : <NotFoundPage />;
    case 'dashboard':
      return me.areas.includes('Dashboard') ? <DashboardPage /> : <NotFoundPage />;
    case 'reports':
      return me.areas.includes('Reports') ? <ReportsPage /> : <NotFoundPage />;
    case 'teams':
      return me.areas.includes('Teams') ? <TeamsPage /> : <NotFoundPage />;
    case 'team':
      return me.areas.includes('Teams') ? <TeamPage key={route.id} teamId={route.id} /> : <NotFoundPage />;
    case 'admin':
      // An area the server does not open to the user looks like a page that does not exist (APP-2).
      return me.areas.includes('Administration') ? <AdminPage tab={route.tab} /> : <NotFoundPage />;
    case 'notFound':
      return <NotFoundPage />;
  }
}
