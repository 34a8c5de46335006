import { Readable } from 'node:stream';
import { decide } from '../../authz/decide.js';
import type { Actor } from '../../authz/engine.js';
import { QUICK } from '../../authz/enforce.js';
import { loadSubjects } from '../../authz/loader.js';
import type { Deps } from '../../lib/deps.js';
import { notFound } from '../../lib/errors.js';
import { loadDateSettings } from '../../lib/installation.js';
import { addDays } from '../../lib/periods.js';
import type { FileAnswer } from '../../http/route.js';
import { audit } from '../audit/repo.js';
import { digest, newSecret } from '../auth/secrets.js';
import { leaveLabels } from '../leave/labels.js';
import { findPlans } from '../planning/repo.js';
import { feedCalendar, feedOut } from './present.js';
import * as repo from './repo.js';
import type { FeedCreate, FeedCreated, FeedList, FeedOut } from './schema.js';

const FEED_PREFIX = 'twc_';
/** What a feed shows: the last year's leave and all that is to come. */
const YEAR_BACK = -365;

/**
 * Calendar feeds (issue 16): made and revoked by their owner (`feed.mine`; a team's with `feed.team`), opened by
 * whoever holds the address — a calendar application — with the owner's permissions as they are at that moment.
 */
export function createFeedService({ db, authz }: Deps) {
  /** The caller's teams whose feed they may take (one set-based decision). */
  async function teamsOffered(actor: Actor) {
    const ids = actor.subject.teams.map((t) => t.teamId);
    const decided = await authz.authorizeMany(actor, 'feed.team', ids);
    return actor.subject.teams
      .filter((t) => decided.get(t.teamId)?.allowed)
      .map((t) => ({ id: t.teamId, name: t.teamName }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async function list(actor: Actor): Promise<FeedList> {
    const [rows, teams] = await Promise.all([repo.findFeedsOf(db, actor.userId), teamsOffered(actor)]);
    return { items: rows.map(feedOut), teams };
  }

  async function create(actor: Actor, input: FeedCreate): Promise<FeedCreated> {
    if (input.teamId !== undefined) await authz.authorizeTeam(actor, 'feed.team', input.teamId);
    const token = newSecret(FEED_PREFIX);
    return db.transaction().execute(async (trx) => {
      const id = await repo.insertFeed(trx, {
        userId: actor.userId,
        teamId: input.teamId ?? null,
        digest: digest(token),
      });
      await audit(trx, actor, 'feed.create', id, { after: { teamId: input.teamId ?? null } });
      return { ...feedOut((await repo.findFeed(trx, id))!), path: `/api/feeds/${token}` };
    });
  }

  async function revoke(actor: Actor, id: number): Promise<FeedOut> {
    return db.transaction().execute(async (trx) => {
      const row = await repo.revokeFeed(trx, actor.userId, id);
      if (!row) throw notFound('calendar feed');
      await audit(trx, actor, 'feed.revoke', id, { after: { revokedAt: row.revoked_at } });
      return feedOut(row);
    });
  }

  /**
   * The feed as iCal, decided for its owner now: an unknown or revoked token, an owner who may no longer take the feed
   * (deactivated, the Schedule area closed, the team no longer theirs to plan) answers 404. Opens are not audited:
   * calendar applications poll every few minutes.
   */
  async function open(token: string): Promise<FileAnswer> {
    const feed = await repo.findLiveFeed(db, digest(token));
    const user = feed && (await repo.findUser(db, feed.user_id));
    const subject = user && (await loadSubjects(db, [user.id])).get(user.id);
    if (!feed || !user || !subject || !decide('feed.mine', subject, {}, QUICK).allowed) throw notFound('calendar feed');
    const owner: Actor = {
      userId: user.id,
      login: user.login,
      displayName: user.display_name,
      email: user.email,
      systemAdmin: user.system_admin,
      auth: 'token',
      subject,
    };
    if (feed.team_id !== null) {
      const decided = (await authz.authorizeMany(owner, 'feed.team', [feed.team_id])).get(feed.team_id);
      if (!decided?.allowed) throw notFound('calendar feed');
    }
    const { today } = await loadDateSettings(db);
    const of = feed.team_id === null ? { userId: user.id } : { teamId: feed.team_id };
    const from = addDays(today, YEAR_BACK);
    const [leave, people] = await Promise.all([
      repo.findFeedLeave(db, of, from, '9999-12-31'),
      feed.team_id === null ? [user.id] : repo.findMemberIds(db, feed.team_id),
    ]);
    // The plans of the owner, or of the team's members and its placeholders (FLOW-5): the owner plans for them all.
    const plans = await findPlans(db, owner, {
      userIds: people,
      teamIds: feed.team_id === null ? [] : [feed.team_id],
      from,
      to: '9999-12-31',
    });
    const labels = await leaveLabels(
      { db, authz },
      owner,
      leave.map((l) => l.id),
    );
    const name = feed.team_id === null ? `Timeward: ${user.display_name}` : `Timeward: ${feed.team_name}`;
    const calendar = feedCalendar(name, leave, labels, feed.team_id !== null, plans);
    return {
      filename: 'timeward.ics',
      contentType: 'text/calendar; charset=utf-8',
      stream: Readable.from([calendar.toString()]),
    };
  }

  return { list, create, revoke, open };
}
