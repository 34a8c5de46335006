import { decide } from '../../authz/decide.js';
import { QUICK } from '../../authz/enforce.js';
import { seesMoney, seesTeamNames, type Actor } from '../../authz/engine.js';
import type { Deps } from '../../lib/deps.js';
import { loadDateSettings } from '../../lib/installation.js';
import { addDays, daysOf, periodOf } from '../../lib/periods.js';
import { countQueue } from '../approvals/repo.js';
import { reportWorklogOut } from '../reports/present.js';
import { findWorklogs, summarize } from '../reports/repo.js';
import { itemOut, timesheetOut } from './present.js';
import * as repo from './repo.js';
import { WEEK_CAPACITY_SECONDS, type DashboardOut } from './schema.js';

const RECENT = 5;
const MY_ITEMS = 10;

/**
 * The Dashboard (APP-2): my week against its capacity, my last work logs, my timesheet, my items (ITEM-9); slices
 * waiting for me when I approve; for each team in which I see members' work, their hours this week and who has not
 * submitted last week. Every hour comes from the reports' queries (`summarize`, `findWorklogs`), so a widget counts
 * what the Reports area would (REP-5) and no widget has its own SQL for totals.
 */
export function createDashboardService({ db }: Deps) {
  async function dashboard(actor: Actor): Promise<DashboardOut> {
    const { today } = await loadDateSettings(db);
    const week = periodOf(today, 'week');
    const lastWeek = periodOf(addDays(week.start, -1), 'week');
    const mine = { from: week.start, to: week.end, users: [actor.userId] };
    const reader = { money: seesMoney(actor), teamNames: seesTeamNames(actor) };
    const approves = decide('timesheet.queue', actor.subject, {}, QUICK).allowed;

    const [byDay, recent, slices, items, waiting, teams] = await Promise.all([
      summarize(db, actor, mine, ['day'], 100),
      findWorklogs(
        db,
        actor,
        { from: addDays(today, -365), to: today, users: [actor.userId] },
        undefined,
        RECENT,
        'desc',
      ),
      repo.findMySlices(db, actor.userId, today),
      repo.findMyItems(db, actor, MY_ITEMS),
      approves ? countQueue(db, actor, { states: ['submitted', 'recall_requested'] }) : undefined,
      reader.teamNames ? repo.findLedTeams(db, actor.userId) : [],
    ]);
    const days = new Map(byDay.filter((r) => r.depth === 1).map((r) => [r.k[0][0], Number(r.seconds)]));
    const teamWidgets = await Promise.all(
      teams.map(async (team) => {
        const ids = team.members.map((m) => m.id);
        const [hours, missing] = await Promise.all([
          ids.length ? summarize(db, actor, { from: week.start, to: week.end, users: ids }, ['user'], 1000) : [],
          repo.findMissingTimesheets(db, team.id, ids, lastWeek.start, lastWeek.end),
        ]);
        const seconds = new Map<string, number>();
        for (const r of hours)
          if (r.depth === 1) seconds.set(r.k[0][0]!, (seconds.get(r.k[0][0]!) ?? 0) + Number(r.seconds));
        return {
          team: { id: team.id, name: team.name },
          members: team.members.map((user) => ({ user, seconds: seconds.get(String(user.id)) ?? 0 })),
          missingTimesheets: team.members.filter((m) => missing.has(m.id)),
        };
      }),
    );
    return {
      week: {
        from: week.start,
        to: week.end,
        seconds: [...days.values()].reduce((s, n) => s + n, 0),
        capacitySeconds: WEEK_CAPACITY_SECONDS,
        days: daysOf(week).map((date) => ({ date, seconds: days.get(date) ?? 0 })),
      },
      recent: recent.map((r) => reportWorklogOut(r, reader)),
      timesheet: timesheetOut(slices, reader.teamNames),
      myItems: items.map(itemOut),
      ...(waiting === undefined ? {} : { approvals: { waiting } }),
      teams: teamWidgets,
    };
  }

  return { dashboard };
}
