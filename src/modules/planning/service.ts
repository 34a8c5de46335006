import { abilities, type Actor, type Authz } from '../../authz/engine.js';
import type { Deps } from '../../lib/deps.js';
import { badRequest, notFound, unprocessable } from '../../lib/errors.js';
import { daysOf } from '../../lib/periods.js';
import { checkVersion } from '../../lib/versions.js';
import { audit } from '../audit/repo.js';
import { loadCalendars } from '../calendars/repo.js';
import { leaveLabels } from '../leave/labels.js';
import { planAudit, planOut } from './present.js';
import * as repo from './repo.js';
import {
  MAX_PLAN_DAYS,
  MAX_TIMELINE_DAYS,
  type PlanCreate,
  type PlanOut,
  type PlanUpdate,
  type ScheduleOut,
} from './schema.js';
import { daysOfPerson, workingDays } from './timeline.js';

type Db = Deps['db'];
const spanOf = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

/**
 * Planning (FLOW-5): the Schedule timeline and its planned tasks and events. Whose plans a reader sees is `plan.view`
 * (its SQL twin lists the people); each write is decided inside its transaction — `plan.edit` for the person planned
 * for (and for the new one, when a plan moves), `plan.staff` for a team's placeholder, `item.view` on its work item,
 * `plan.billable` and `plan.client` when those change. A plan on an item the caller may not view is "busy" to them and
 * answers 404 to a change.
 */
export function createPlanningService({ db, authz }: Deps) {
  const view = (actor: Actor) =>
    abilities(
      actor.subject,
      {},
      {
        seesClients: { action: 'client.view' },
        billable: { action: 'plan.billable' },
        client: { action: 'plan.client' },
      },
    );

  async function schedule(actor: Actor, query: { from: string; to: string; teamId?: number }): Promise<ScheduleOut> {
    const { from, to, teamId } = query;
    if (to < from) throw badRequest('to', 'the last day is before the first day');
    if (spanOf(from, to) > MAX_TIMELINE_DAYS) throw badRequest('to', `show at most ${MAX_TIMELINE_DAYS} days`);
    await authz.authorize(actor, 'plan.view');
    if (teamId !== undefined && (await repo.findTeams(db, actor, [teamId])).length === 0) throw notFound('team');
    const people = await repo.findPeople(db, actor, teamId);
    const teamIds = teamId !== undefined ? [teamId] : [...new Set(people.flatMap((p) => p.team_ids))];
    const [teams, staffing, subjects, calendars] = await Promise.all([
      repo.findTeams(db, actor, teamIds),
      authz.authorizeMany(actor, 'plan.staff', teamIds),
      authz.loadSubjects(people.map((p) => p.id)),
      loadCalendars(
        db,
        people.map((p) => p.id),
        { from, to },
      ),
    ]);
    const staffed = teams.filter((t) => staffing.get(t.id)?.allowed).map((t) => t.id);
    const plans = await repo.findPlans(db, actor, { userIds: people.map((p) => p.id), teamIds: staffed, from, to });
    const leaveIds = [...calendars.values()].flatMap((c) => [...(c.leave?.values() ?? [])].map((d) => d.requestId));
    const labels = await leaveLabels({ db, authz }, actor, leaveIds);
    const seen = view(actor);
    const days = daysOf({ start: from, end: to });
    const byPerson = new Map<number, repo.PlanRow[]>(people.map((p) => [p.id, []]));
    for (const plan of plans) if (plan.user_id !== null) byPerson.get(plan.user_id)?.push(plan);
    const rows = people.map((person) => {
      const own = byPerson.get(person.id)!;
      const canPlan = abilities(
        actor.subject,
        { owner: subjects.get(person.id) },
        { plan: { action: 'plan.edit', ownerId: person.id } },
      ).plan;
      const { days: personDays, utilisation } = daysOfPerson(calendars.get(person.id)!, days, own, (id) =>
        labels.get(id)!,
      );
      return {
        user: { id: person.id, displayName: person.display_name },
        teamIds: person.team_ids.filter((id) => teams.some((t) => t.id === id)),
        days: personDays,
        tasks: own.map((p) => planOut(p, { seesClients: seen.seesClients, canEdit: canPlan })),
        utilisation,
        canPlan,
      };
    });
    return {
      from,
      to,
      teams: teams.map((t) => ({
        id: t.id,
        name: t.name,
        canStaff: staffed.includes(t.id),
        placeholders: plans
          .filter((p) => p.user_id === null && p.team_id === t.id)
          .map((p) => planOut(p, { seesClients: seen.seesClients, canEdit: true })),
      })),
      rows,
      abilities: seen,
    };
  }

  /** Who the plan is for may be planned for by the caller: `plan.edit` for a person, `plan.staff` for a placeholder. */
  async function authorizeFor(trx: Db, scoped: Authz, actor: Actor, userId: number | null, teamId: number | null) {
    if (userId !== null) {
      await scoped.authorize(actor, 'plan.edit', { ownerId: userId, noun: 'user' });
      if (!(await repo.findActiveUser(trx, userId))) throw badRequest('userId', 'no such active user');
    } else {
      await scoped.authorize(actor, 'plan.edit');
      if (teamId === null) throw badRequest('userId', 'plan for a person, or for a team as "to be staffed"');
      await scoped.authorizeTeam(actor, 'plan.staff', teamId);
    }
  }

  /** The work item (viewable by the caller) gives the project; billable and client need their roles. */
  async function checkFields(
    trx: Db,
    scoped: Authz,
    actor: Actor,
    next: repo.PlanValues,
    before: repo.PlanValues | undefined,
  ): Promise<number | null> {
    if (next.kind !== 'task') {
      if (next.item_id !== null) throw badRequest('itemId', 'a meeting or out-of-office is not on a work item');
      if (next.billable) throw badRequest('billable', 'only planned tasks are billable');
      if (next.client_id !== null) throw badRequest('clientId', 'only planned tasks name a client');
      if (next.user_id === null) throw badRequest('userId', 'a meeting or out-of-office is a person’s own');
    }
    if (next.kind === 'task' && next.item_id === null && next.title === '')
      throw badRequest('title', 'name the task, or pick a work item');
    if (next.end_date < next.start_date) throw badRequest('endDate', 'the last day is before the first day');
    if (spanOf(next.start_date, next.end_date) > MAX_PLAN_DAYS)
      throw badRequest('endDate', `a plan spans at most ${MAX_PLAN_DAYS} days`);
    if (next.billable !== (before?.billable ?? false)) await scoped.authorize(actor, 'plan.billable');
    if (next.client_id !== (before?.client_id ?? null)) {
      await scoped.authorize(actor, 'plan.client');
      if (next.client_id !== null) {
        const client = await repo.findClient(trx, next.client_id);
        if (!client || client.archived) throw badRequest('clientId', 'no such client');
      }
    }
    if (next.item_id === null) return null;
    if (next.item_id === before?.item_id) return before.project_id;
    await scoped.authorizeItem(actor, 'item.view', next.item_id).catch(() => {
      throw badRequest('itemId', 'no such work item');
    });
    const item = await repo.findItemProject(trx, next.item_id);
    if (!item) throw badRequest('itemId', 'no such work item');
    return item.project_id;
  }

  /** Seconds a working day: given, or the total spread over the owner's working days (the default week for a team). */
  async function secondsPerDay(trx: Db, input: { hoursPerDay?: number; totalHours?: number }, values: repo.PlanValues) {
    if (input.hoursPerDay !== undefined && input.totalHours !== undefined)
      throw badRequest('totalHours', 'give hours per day or a total, not both');
    if (input.hoursPerDay !== undefined) return Math.round(input.hoursPerDay * 3600);
    if (input.totalHours === undefined) return undefined;
    const owner = values.user_id ?? 0;
    const calendar = (await loadCalendars(trx, [owner], { from: values.start_date, to: values.end_date })).get(owner)!;
    const count = workingDays(calendar, daysOf({ start: values.start_date, end: values.end_date }));
    if (count === 0) throw unprocessable('plan_no_working_days', 'the dates hold no working day', 'endDate');
    const perDay = Math.round((input.totalHours * 3600) / count);
    if (perDay > 86_400) throw badRequest('totalHours', 'more than 24 hours a working day');
    return perDay;
  }

  async function present(trx: Db, actor: Actor, id: number): Promise<PlanOut> {
    const row = (await repo.findPlans(trx, actor, { id }))[0]!;
    return planOut(row, { seesClients: view(actor).seesClients, canEdit: true });
  }

  async function create(actor: Actor, input: PlanCreate): Promise<PlanOut> {
    return db.transaction().execute(async (trx) => {
      const scoped = authz.within(trx);
      const userId = input.userId ?? null;
      await authorizeFor(trx, scoped, actor, userId, userId === null ? (input.teamId ?? null) : null);
      const values: repo.PlanValues = {
        kind: input.kind,
        user_id: userId,
        team_id: userId === null ? (input.teamId ?? null) : null,
        item_id: input.itemId ?? null,
        project_id: null,
        title: input.title,
        start_date: input.startDate,
        end_date: input.endDate,
        seconds_per_day: 0,
        tentative: input.tentative,
        billable: input.billable,
        client_id: input.clientId ?? null,
      };
      values.project_id = await checkFields(trx, scoped, actor, values, undefined);
      const seconds = await secondsPerDay(trx, input, values);
      if (seconds === undefined && input.kind !== 'out_of_office')
        throw badRequest('hoursPerDay', 'give hours per day or a total');
      values.seconds_per_day = seconds ?? 0;
      const id = await repo.insertPlan(trx, values, actor.userId);
      const row = (await repo.findPlans(trx, actor, { id }))[0]!;
      await audit(trx, actor, 'plan.create', id, {
        projectId: row.project_id ?? undefined,
        itemId: row.item_id ?? undefined,
        after: planAudit(row),
      });
      return present(trx, actor, id);
    });
  }

  /** The stored plan, locked, if the caller may see it whole: its person's (or team's) planner, its item viewable. */
  async function lockVisible(trx: Db, scoped: Authz, actor: Actor, id: number) {
    if (!(await repo.lockPlan(trx, id))) throw notFound('planned task');
    const row = (await repo.findPlans(trx, actor, { id }))[0]!;
    if (row.user_id !== null) {
      const owner =
        row.user_id === actor.userId ? undefined : (await scoped.loadSubjects([row.user_id])).get(row.user_id);
      const { seen } = abilities(actor.subject, { owner }, { seen: { action: 'plan.view', ownerId: row.user_id } });
      if (!seen) throw notFound('planned task');
    } else {
      const staff = (await scoped.authorizeMany(actor, 'plan.staff', [row.team_id!])).get(row.team_id!);
      if (!staff?.allowed) throw notFound('planned task');
    }
    if (!row.viewable) throw notFound('planned task');
    await authorizeFor(trx, scoped, actor, row.user_id, row.team_id);
    return row;
  }

  const valuesOf = (row: repo.PlanRow): repo.PlanValues => ({
    kind: row.kind,
    user_id: row.user_id,
    team_id: row.team_id,
    item_id: row.item_id,
    project_id: row.project_id,
    title: row.title,
    start_date: row.start_date,
    end_date: row.end_date,
    seconds_per_day: row.seconds_per_day,
    tentative: row.tentative,
    billable: row.billable,
    client_id: row.client_id,
  });

  /** Move (dates, person), resize, or edit; a move to another person is decided for them too. */
  async function update(actor: Actor, id: number, input: PlanUpdate): Promise<PlanOut> {
    return db.transaction().execute(async (trx) => {
      const scoped = authz.within(trx);
      const before = await lockVisible(trx, scoped, actor, id);
      checkVersion('planned task', before.version, input.version);
      const old = valuesOf(before);
      const next: repo.PlanValues = {
        ...old,
        user_id: input.userId === undefined ? old.user_id : input.userId,
        item_id: input.itemId === undefined ? old.item_id : input.itemId,
        title: input.title ?? old.title,
        start_date: input.startDate ?? old.start_date,
        end_date: input.endDate ?? old.end_date,
        tentative: input.tentative ?? old.tentative,
        billable: input.billable ?? old.billable,
        client_id: input.clientId === undefined ? old.client_id : input.clientId,
      };
      if (next.user_id !== old.user_id) {
        if (next.user_id === null && old.team_id === null)
          throw badRequest('userId', 'only a team’s task can go back to "to be staffed"');
        await authorizeFor(trx, scoped, actor, next.user_id, old.team_id);
      }
      next.project_id = await checkFields(trx, scoped, actor, next, old);
      next.seconds_per_day = (await secondsPerDay(trx, input, next)) ?? old.seconds_per_day;
      await repo.updatePlan(trx, id, next);
      const after = (await repo.findPlans(trx, actor, { id }))[0]!;
      await audit(trx, actor, 'plan.update', id, {
        projectId: after.project_id ?? before.project_id ?? undefined,
        itemId: after.item_id ?? before.item_id ?? undefined,
        before: planAudit(before),
        after: planAudit(after),
      });
      return present(trx, actor, id);
    });
  }

  async function remove(actor: Actor, id: number, version: number): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const scoped = authz.within(trx);
      const before = await lockVisible(trx, scoped, actor, id);
      checkVersion('planned task', before.version, version);
      await repo.deletePlan(trx, id);
      await audit(trx, actor, 'plan.delete', id, {
        projectId: before.project_id ?? undefined,
        itemId: before.item_id ?? undefined,
        before: planAudit(before),
      });
    });
  }

  return { schedule, create, update, remove };
}
