import type { Dashboard } from '../../../src/contracts.js';
import { getDashboard } from '../api/dashboard.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { hours } from '../components/reports/labels.js';
import '../components/reports/reports.css';
import { href } from '../router.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { useResource } from '../useResource.js';

const STATE_LABELS: Record<string, string> = {
  open: 'Open',
  submitted: 'Submitted',
  approved: 'Approved',
  rejected: 'Rejected',
  recall_requested: 'Recall requested',
};
const WEEKDAY = new Intl.DateTimeFormat('en', { weekday: 'short', timeZone: 'UTC' });

/**
 * The Dashboard (APP-2): my week against its capacity, my last work logs, my timesheet's state, my items and the
 * items I watch (quick watch: viewable ones only); slices waiting for me; for team leads, their members' hours and
 * missing timesheets. Every number comes from the server's
 * report queries; an item I may no longer view shows as "Restricted item" and nothing more (ITEM-9).
 */
export function DashboardPage() {
  useDocumentTitle('Dashboard');
  const dashboard = useResource(getDashboard, []);
  if (dashboard.error) return <ErrorMessage error={dashboard.error} />;
  if (!dashboard.data) return <p className="muted">Loading…</p>;
  return <DashboardView data={dashboard.data} />;
}

function DashboardView({ data }: { data: Dashboard }) {
  const { week } = data;
  const share = week.capacitySeconds ? Math.min(100, Math.round((week.seconds * 100) / week.capacitySeconds)) : 0;
  return (
    <section className="dashboard">
      <h1>Dashboard</h1>
      <div className="dashboard-grid">
        <section className="panel" aria-labelledby="dash-week">
          <h2 id="dash-week">My week</h2>
          <p>
            <strong>{hours(week.seconds)}</strong> of {hours(week.capacitySeconds)} ({week.from} – {week.to})
          </p>
          <progress
            max={Math.max(week.capacitySeconds, 1)}
            value={Math.min(week.seconds, week.capacitySeconds)}
            aria-label={`${share}% of the week's capacity`}
          />
          <ul className="week-days">
            {week.days.map((d) => (
              <li key={d.date}>
                <span>{WEEKDAY.format(new Date(`${d.date}T00:00:00Z`))}</span> {hours(d.seconds)}
              </li>
            ))}
          </ul>
          <p>
            Timesheet:{' '}
            {data.timesheet
              .map((s) => `${s.team ? `${s.team.name}: ` : ''}${STATE_LABELS[s.state] ?? s.state}`)
              .join(', ')}{' '}
            — <a href={href.timesheet()}>open the timesheet</a>
          </p>
        </section>
        <section className="panel" aria-labelledby="dash-recent">
          <h2 id="dash-recent">My last work logs</h2>
          {data.recent.length === 0 ? (
            <p className="muted">No work logged yet.</p>
          ) : (
            <ul>
              {data.recent.map((w) => (
                <li key={w.id}>
                  {w.date} · <a href={href.item(w.item.key)}>{w.item.key}</a> {w.item.title} · {hours(w.seconds)}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="dash-items">
          <h2 id="dash-items">My work items</h2>
          {data.myItems.length === 0 ? (
            <p className="muted">You have registered no work items.</p>
          ) : (
            <ul>
              {data.myItems.map((item, index) =>
                item.restricted ? (
                  <li key={`restricted-${index}`} className="muted">
                    Restricted item
                  </li>
                ) : (
                  <li key={item.key}>
                    <a href={href.item(item.key)}>{item.key}</a> {item.title}
                  </li>
                ),
              )}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="dash-watched">
          <h2 id="dash-watched">Quick watch</h2>
          {data.watched.length === 0 ? (
            <p className="muted">Watch a work item from its page to follow it here.</p>
          ) : (
            <ul className="watch-list">
              {data.watched.map((item) => (
                <li key={item.key}>
                  <a href={href.item(item.key)}>{item.key}</a> {item.title} · {item.status} · {hours(item.weekSeconds)}{' '}
                  this week, {hours(item.totalSeconds)} in all
                </li>
              ))}
            </ul>
          )}
        </section>
        {data.approvals && (
          <section className="panel" aria-labelledby="dash-approvals">
            <h2 id="dash-approvals">Approvals</h2>
            <p>
              <a href={href.approvals()}>
                {data.approvals.waiting === 1 ? '1 timesheet waits' : `${data.approvals.waiting} timesheets wait`} for
                your decision
              </a>
            </p>
          </section>
        )}
        {data.teams.map((team) => (
          <section className="panel" key={team.team.id} aria-labelledby={`dash-team-${team.team.id}`}>
            <h2 id={`dash-team-${team.team.id}`}>Team {team.team.name}</h2>
            <ul>
              {team.members.map((m) => (
                <li key={m.user.id}>
                  {m.user.displayName}: {hours(m.seconds)} this week
                </li>
              ))}
            </ul>
            <p>
              {team.missingTimesheets.length === 0
                ? 'Everyone submitted last week.'
                : `Not submitted last week: ${team.missingTimesheets.map((u) => u.displayName).join(', ')}`}
            </p>
          </section>
        ))}
      </div>
    </section>
  );
}
