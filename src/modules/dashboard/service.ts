import { decide } from '../../authz/decide.js';
import { QUICK } from '../../authz/enforce.js';
import { seesMoney, seesTeamNames, type Actor } from '../../authz/engine.js';
import type { Deps } from '../../lib/deps.js';
import { loadDateSettings } from '../../lib/installation.js';
import { addDays, daysOf, periodOf } from '../../lib/periods.js';
import { countQueue } from '../approvals/repo.js';
import { reportWorklogOut } from '../reports/present.js';
import { findWorklogs, summarize } from '../reports/repo.js';
import { audit } from '../audit/repo.js';
import { capacityOfDays } from '../calendars/calendar.js';
import { loadCalendars } from '../calendars/repo.js';
import { itemOut, secondsByItem, timesheetOut, watchedOut } from './present.js';
import * as repo from './repo.js';
import type { DashboardOut, WatchOut } from './schema.js';

const RECENT = 5;
const MY_ITEMS = 10;
const WATCHED = 20;
/** The first day work may be logged on (WL-6): a watched item's hours "in all" count from here. */
const FIRST_WORK_DAY = '2000-01-01';

/**
 * The Dashboard (APP-2): my week against its capacity, my last work logs, my timesheet, my items (ITEM-9); slices
 * waiting for me when I approve; for each team in which I see members' work, their hours this week and who has not
 * submitted last week. Every hour comes from the reports' queries (`summarize`, `findWorklogs`), so a widget counts
 * what the Reports area would (REP-5) and no widget has its own SQL for totals.
 */
export function createDashboardService({ db, authz }: Deps) {
  async function dashboard(actor: Actor): Promise<DashboardOut> {
    const { today } = await loadDateSettings(db);
    const week = periodOf(today, 'week');
    const lastWeek = periodOf(addDays(week.start, -1), 'week');
    const mine = { from: week.start, to: week.end, users: [actor.userId] };
    const reader = { money: seesMoney(actor), teamNames: seesTeamNames(actor) };
    const approves = decide('timesheet.queue', actor.subject, {}, QUICK).allowed;

    const [byDay, recent, slices, items, watched, waiting, teams, calendars] = await Promise.all([
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
      watchedItems(actor, week.start, week.end, today),
      approves ? countQueue(db, actor, { states: ['submitted', 'recall_requested'] }) : undefined,
      reader.teamNames ? repo.findLedTeams(db, actor.userId) : [],
      loadCalendars(db, [actor.userId], { from: week.start, to: week.end }),
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
        capacitySeconds: capacityOfDays(calendars.get(actor.userId)!, daysOf(week)),
        days: daysOf(week).map((date) => ({ date, seconds: days.get(date) ?? 0 })),
      },
      recent: recent.map((r) => reportWorklogOut(r, reader)),
      timesheet: timesheetOut(slices, reader.teamNames),
      myItems: items.map(itemOut),
      watched,
      ...(waiting === undefined ? {} : { approvals: { waiting } }),
      teams: teamWidgets,
    };
  }

  /** Quick watch: my watched items I may view, each with the reports' hours on it this week and in all. */
  async function watchedItems(actor: Actor, from: string, to: string, today: string) {
    const rows = await repo.findWatchedItems(db, actor, WATCHED);
    if (rows.length === 0) return [];
    const items = rows.map((r) => r.id);
    const [week, all] = await Promise.all([
      summarize(db, actor, { from, to, items }, ['item'], 4 * (WATCHED + 1)),
      summarize(db, actor, { from: FIRST_WORK_DAY, to: addDays(today, 366), items }, ['item'], 4 * (WATCHED + 1)),
    ]);
    return rows.map((row) => watchedOut(row, secondsByItem(week), secondsByItem(all)));
  }

  async function watching(actor: Actor, key: string): Promise<WatchOut> {
    const found = await authz.authorizeItem(actor, 'item.view', key);
    return { watched: await repo.isWatched(db, actor.userId, found.itemId) };
  }

  /** Starts or stops watching an item I may view (ITEM-9: quick watch shows viewable items only); audited when it changes. */
  async function setWatch(actor: Actor, key: string, watched: boolean): Promise<WatchOut> {
    const found = await authz.authorizeItem(actor, 'item.view', key);
    return db.transaction().execute(async (trx) => {
      const changed = watched
        ? await repo.insertWatch(trx, actor.userId, found.itemId)
        : await repo.deleteWatch(trx, actor.userId, found.itemId);
      if (changed)
        await audit(trx, actor, watched ? 'item.watch' : 'item.unwatch', found.itemId, {
          projectId: found.projectId,
          itemId: found.itemId,
        });
      return { watched };
    });
  }

  return { dashboard, watching, setWatch };
}
