// Guards the calendar feeds of issue 16 (FLOW-4's "feed"): a personal iCal feed of one's leave — the type named, a
// pending request tentative — and a team feed for who plans for the team (MANAGE_SCHEDULE), where a member's leave reads
// "absent" unless the feed's owner may know its type; a feed is decided for its owner at every open, and a revoked or
// unknown token, or an owner who may no longer take it, answers 404.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, createUser, DIALECTS, type TestApp } from '../helpers/harness.js';
import { addMember, createTeam, grantAppRole } from '../helpers/teams.js';
import { as, projectWorld, secure, viewer } from '../security/fixtures.js';

const MONDAY = '2030-06-03';

for (const dialect of DIALECTS)
  describe(`calendar feeds (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    const open = (path: string) => t.app.inject({ method: 'GET', url: path });
    const typeId = async (name: string) =>
      (await t.db.selectFrom('leave_types').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

    test('FLOW-4: my feed names my leave’s type and marks a pending request tentative; a planner’s team feed reads "absent"', async () => {
      const owner = await createUser(t.db);
      const planner = await createUser(t.db);
      const approver = await createUser(t.db);
      await grantAppRole(t.db, approver.id, 'vacation_approver');
      const team = await createTeam(t.db, null, { members: [{ userId: owner.id }, { userId: approver.id }] });
      await addMember(t.db, team.id, planner.id, ['MANAGE_SCHEDULE']);
      const me = await as(t.app, owner.login);
      const sick = (
        await me.post('/api/me/leave', { typeId: await typeId('Sick'), startDate: MONDAY, endDate: MONDAY })
      ).json();
      await (await as(t.app, approver.login)).post(`/api/leave/${sick.id}/approve`, { version: sick.version });
      await me.post('/api/me/leave', {
        typeId: await typeId('Vacation'),
        startDate: '2030-06-10',
        endDate: '2030-06-11',
      });

      const mine = await me.post('/api/me/feeds', {});
      assert.equal(mine.statusCode, 201, mine.body);
      const ics = await open(mine.json().path);
      assert.equal(ics.statusCode, 200);
      assert.match(String(ics.headers['content-type']), /^text\/calendar/);
      assert.match(ics.body, /SUMMARY:Sick\r\n/);
      assert.match(ics.body, /SUMMARY:Vacation \(pending\)\r\n/);
      assert.match(ics.body, /STATUS:TENTATIVE/);
      assert.match(ics.body, /DTSTART;VALUE=DATE:20300603/);

      const lead = await as(t.app, planner.login);
      const offered = (await lead.get('/api/me/feeds')).json().teams.map((x: { id: number }) => x.id);
      assert.deepEqual(offered, [team.id]);
      const teamFeed = await lead.post('/api/me/feeds', { teamId: team.id });
      assert.equal(teamFeed.statusCode, 201, teamFeed.body);
      const teamIcs = await open(teamFeed.json().path);
      assert.match(teamIcs.body, new RegExp(`SUMMARY:User ${owner.login}: absent\\r\\n`));
      assert.ok(!/sick|vacation/i.test(teamIcs.body), 'no type on the planner’s feed, and no pending request');

      const member = await as(t.app, owner.login);
      const refused = await member.post('/api/me/feeds', { teamId: team.id });
      assert.equal(refused.statusCode, 403, 'a member who does not plan for the team gets no team feed');
    });

    test('FLOW-5: my feed holds my plans; a planner’s team feed holds the members’ plans and placeholders, a plan on an item the planner may not view as "Busy", and no client', async () => {
      const member = await createUser(t.db);
      const planner = await createUser(t.db);
      const team = await createTeam(t.db, null, { members: [{ userId: member.id }] });
      await addMember(t.db, team.id, planner.id, ['MANAGE_SCHEDULE']);
      const w = await projectWorld(t.db);
      await t.db.insertInto('group_members').values({ group_id: w.members.id, user_id: member.id }).execute();
      await t.db.insertInto('group_members').values({ group_id: w.members.id, user_id: planner.id }).execute();
      const secret = await w.item(undefined, 'Classified rollout');
      const admin = await t.db
        .selectFrom('users')
        .select('login')
        .where('id', '=', w.admin.id)
        .executeTakeFirstOrThrow();
      await secure(await as(t.app, admin.login), secret.key, [viewer('user', member.id), viewer('user', w.admin.id)]);
      const client = await t.db
        .insertInto('clients')
        .values({ name: 'Umbrella Corp' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('planned_tasks')
        .values([
          {
            user_id: member.id,
            title: 'Quarterly review',
            start_date: MONDAY,
            end_date: MONDAY,
            seconds_per_day: 7200,
            client_id: client.id,
          },
          {
            user_id: member.id,
            item_id: secret.id,
            project_id: w.project.id,
            start_date: '2030-06-04',
            end_date: '2030-06-05',
            seconds_per_day: 3600,
          },
          {
            team_id: team.id,
            title: 'Hire QA',
            start_date: MONDAY,
            end_date: '2030-06-07',
            seconds_per_day: 28800,
            tentative: true,
          },
        ])
        .execute();
      const mine = await open((await (await as(t.app, member.login)).post('/api/me/feeds', {})).json().path);
      assert.match(mine.body, /SUMMARY:Quarterly review\r\n/);
      assert.match(
        mine.body,
        new RegExp(`SUMMARY:${secret.key} Classified rollout\\r\\n`),
        'the owner may view the item',
      );
      assert.doesNotMatch(mine.body, /Hire QA/, 'placeholders are the team’s, not mine');
      const lead = await as(t.app, planner.login);
      const teamIcs = await open((await lead.post('/api/me/feeds', { teamId: team.id })).json().path);
      assert.match(teamIcs.body, new RegExp(`SUMMARY:User ${member.login}: Quarterly review\\r\\n`));
      assert.match(teamIcs.body, new RegExp(`SUMMARY:User ${member.login}: Busy\\r\\n`));
      assert.match(teamIcs.body, /SUMMARY:To be staffed: Hire QA \(tentative\)\r\n/);
      assert.ok(
        !/Classified|Umbrella/.test(teamIcs.body) && !teamIcs.body.includes(secret.key),
        'nothing hidden leaks',
      );
    });

    test('a revoked or unknown feed, or one whose owner is deactivated, shows nothing (404)', async () => {
      const user = await createUser(t.db);
      const c = await as(t.app, user.login);
      const feed = (await c.post('/api/me/feeds', {})).json();
      assert.equal((await open(feed.path)).statusCode, 200);
      const second = (await c.post('/api/me/feeds', {})).json();
      const revoked = await c.post(`/api/me/feeds/${feed.id}/revoke`, {});
      assert.equal(revoked.json().revokedAt !== null, true);
      assert.equal((await open(feed.path)).statusCode, 404);
      assert.equal((await open('/api/feeds/twc_not-a-real-token')).statusCode, 404);
      const other = await as(t.app, (await createUser(t.db)).login);
      assert.equal((await other.post(`/api/me/feeds/${second.id}/revoke`, {})).statusCode, 404, 'another’s feed');
      await t.db.updateTable('users').set({ active: false }).where('id', '=', user.id).execute();
      assert.equal((await open(second.path)).statusCode, 404);
    });
  });
