import { href, useHash, type Route } from '../router.js';
import { InboxLink } from './inbox/InboxLink.js';
import type { Me } from '../../../src/contracts.js';

interface Props {
  me: Me;
  route: Route;
  onSignOut: () => void;
}

/**
 * Links follow the areas the server says are open to the user (APP-2): an area they lack has no link.
 * Areas without a screen yet get none either; the Schedule area has the timeline and my leave.
 */
export function Header({ me, route, onSignOut }: Props) {
  const { user, areas } = me;
  const hash = useHash();
  const inProjects = ['projects', 'project', 'item'].includes(route.name);
  const inTeams = route.name === 'teams' || route.name === 'team';
  return (
    <header className="app-header">
      <a className="brand" href={href.projects()}>
        Timeward
      </a>
      <nav aria-label="Main">
        {areas.includes('Dashboard') && (
          <a href={href.dashboard()} aria-current={route.name === 'dashboard' ? 'page' : undefined}>
            Dashboard
          </a>
        )}
        <a href={href.projects()} aria-current={inProjects ? 'page' : undefined}>
          Projects
        </a>
        {areas.includes('Timesheet') && (
          <a href={href.timesheet()} aria-current={route.name === 'timesheet' ? 'page' : undefined}>
            Timesheet
          </a>
        )}
        {areas.includes('Timesheet') && (
          <a href={href.myWorklogs()} aria-current={route.name === 'myWorklogs' ? 'page' : undefined}>
            My work logs
          </a>
        )}
        {areas.includes('Timesheet Approval') && (
          <a href={href.approvals()} aria-current={route.name === 'approvals' ? 'page' : undefined}>
            Approvals
          </a>
        )}
        {areas.includes('Schedule') && (
          <a href={href.schedule()} aria-current={route.name === 'schedule' ? 'page' : undefined}>
            Schedule
          </a>
        )}
        {areas.includes('Schedule') && (
          <a href={href.leave()} aria-current={route.name === 'leave' ? 'page' : undefined}>
            Leave
          </a>
        )}
        {areas.includes('Leave Approval') && (
          <a href={href.leaveApproval()} aria-current={route.name === 'leaveApproval' ? 'page' : undefined}>
            Leave approval
          </a>
        )}
        <InboxLink userId={user.id} hash={hash} current={route.name === 'inbox'} />
        {areas.includes('Cost') && (
          <a href={href.invoices()} aria-current={route.name === 'invoices' ? 'page' : undefined}>
            Invoices
          </a>
        )}
        {areas.includes('Cost') && (
          <a href={href.cost()} aria-current={route.name === 'cost' ? 'page' : undefined}>
            Cost report
          </a>
        )}
        {areas.includes('Reports') && (
          <a href={href.reports()} aria-current={route.name === 'reports' ? 'page' : undefined}>
            Reports
          </a>
        )}
        {areas.includes('Clients') && (
          <a href={href.clients()} aria-current={route.name === 'clients' ? 'page' : undefined}>
            Clients
          </a>
        )}
        {areas.includes('Teams') && (
          <a href={href.teams()} aria-current={inTeams ? 'page' : undefined}>
            Teams
          </a>
        )}
        {areas.includes('Administration') && (
          <a href={href.admin()} aria-current={route.name === 'admin' ? 'page' : undefined}>
            Administration
          </a>
        )}
      </nav>
      <a
        className="user-name"
        href={href.account()}
        title={`${user.login}: my account`}
        aria-current={route.name === 'account' ? 'page' : undefined}
      >
        {user.displayName}
      </a>
      <button type="button" className="button ghost" onClick={onSignOut}>
        Sign out
      </button>
    </header>
  );
}
