// Guards SPEC §0 and ITEM-5 for item security: system administrators are never restricted by item security where they
// browse the project, but without BROWSE_PROJECT they get 404 on an item's security, its child lists and who has access,
// like anyone, until they grant themselves access (audited); and the security dialog names no descendant hidden from a
// project administrator (ITEM-9).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, createTestApp, type TestApp } from '../helpers/harness.js';
import {
  as,
  editor,
  entry,
  projectWorld,
  secure,
  securityState,
  systemAdmin,
  viewer,
  type Client,
} from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`item security and system administrators (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    /** Every item-security endpoint and the lists that name an item's children, for one item key. */
    const calls = (c: Client, projectKey: string, key: string) => {
      const body = { entries: [editor('user', 1)] };
      return {
        'GET security': () => c.get(`/api/items/${key}/security`),
        'PUT security': () => c.put(`/api/items/${key}/security`, { ...body, version: 1 }),
        'POST preview': () => c.post(`/api/items/${key}/security/preview`, body),
        'DELETE security': () => c.delete(`/api/items/${key}/security?children=true`),
        'POST batch': () => c.post('/api/security/batch', { items: [{ itemKey: key, version: 1, ...body }] }),
        'GET who has access': () => c.get(`/api/items/${key}/access`),
        'GET child list': () => c.get(`/api/projects/${projectKey}/items?parent=${key}`),
        'GET item': () => c.get(`/api/items/${key}`),
      };
    };

    test('SPEC §0, ITEM-5, PRJ-4: a system administrator without BROWSE_PROJECT gets 404 on item security (read and write), child lists and who has access, exactly as for a missing item; nothing is written', async () => {
      const w = await projectWorld(t.db);
      const root = await systemAdmin(t.db);
      const parent = await w.item(undefined, 'Parent');
      const child = await w.item(parent.id, 'Child');
      await secure(await as(t.app, w.admin.login), child.key, [editor('user', w.admin.id)]);
      const rc = await as(t.app, root.login);
      const before = await securityState(t.db);
      const missing = calls(rc, w.project.key, `${w.project.key}-999`);
      for (const key of [parent.key, child.key]) {
        const hidden = calls(rc, w.project.key, key);
        for (const [name, call] of Object.entries(hidden)) {
          const res = await call();
          assert.equal(res.statusCode, 404, `${name} on ${key}: ${res.body}`);
          const absent = await missing[name as keyof typeof missing]();
          assert.deepEqual(res.json(), absent.json(), `${name} tells ${key} from a missing item`);
          assert.ok(!res.body.includes(child.key) && !res.body.includes('Child'), `${name} names the child`);
        }
      }
      assert.deepEqual(await securityState(t.db), before);
      const top = await rc.get(`/api/projects/${w.project.key}/items`);
      assert.equal(top.statusCode, 404, top.body);
    });

    test('SPEC §0, ITEM-5, EXPL-4: after granting themselves BROWSE_PROJECT (audited) a system administrator reads and changes item security without ADMINISTER_PROJECT, whatever the setting says', async () => {
      const w = await projectWorld(t.db);
      const root = await systemAdmin(t.db);
      const parent = await w.item(undefined, 'Parent');
      const child = await w.item(parent.id, 'Child');
      // The setting names the system administrator with a deny: item security never restricts them (ITEM-5).
      await secure(await as(t.app, w.admin.login), child.key, [
        editor('user', w.admin.id),
        entry('user', root.id, 'deny', 'deny'),
      ]);
      const rc = await as(t.app, root.login);
      const granted = await rc.post(`/api/projects/${w.project.key}/permissions`, {
        permission: 'BROWSE_PROJECT',
        userId: root.id,
      });
      assert.equal(granted.statusCode, 201, granted.body);
      const grants = await t.db
        .selectFrom('audit_log')
        .select(['actor_id', 'action'])
        .where('project_id', '=', w.project.id)
        .where('action', '=', 'project.grant')
        .execute();
      assert.deepEqual(grants, [{ actor_id: root.id, action: 'project.grant' }]);

      const read = await rc.get(`/api/items/${parent.key}/security`);
      assert.equal(read.statusCode, 200, read.body);
      assert.deepEqual(read.json().childrenWithOwnSetting, [child.key]);
      const listed = await rc.get(`/api/projects/${w.project.key}/items?parent=${parent.key}`);
      assert.deepEqual(
        listed.json().items.map((i: { key: string }) => i.key),
        [child.key],
      );
      assert.equal((await rc.get(`/api/items/${child.key}/access`)).statusCode, 200);

      const saved = await secure(rc, child.key, [editor('user', w.admin.id), viewer('user', root.id)], { version: 1 });
      assert.equal(saved.mode, 'own');
      const audit = await t.db
        .selectFrom('audit_log')
        .select(['actor_id', 'action'])
        .where('entity_type', '=', 'work_item')
        .where('entity_id', '=', String(child.id))
        .where('actor_id', '=', root.id)
        .execute();
      assert.deepEqual(audit, [{ actor_id: root.id, action: 'item.security.set' }]);
      assert.equal((await rc.delete(`/api/items/${child.key}/security`)).statusCode, 200);
    });

    test('ITEM-9, ITEM-7: the security of an item names no descendant hidden from the project administrator — not among the children with their own setting, not in the preview — and clearing the subtree still clears them', async () => {
      const w = await projectWorld(t.db);
      const member = await w.member();
      const root = await systemAdmin(t.db);
      await t.db
        .insertInto('project_permission_grants')
        .values({ project_id: w.project.id, permission: 'BROWSE_PROJECT', user_id: root.id })
        .execute();
      const parent = await w.item(undefined, 'Parent');
      const shown = await w.item(parent.id, 'Shown');
      const secret = await w.item(parent.id, 'Secret');
      const ac = await as(t.app, w.admin.login);
      const rc = await as(t.app, root.login);
      await secure(ac, shown.key, [editor('user', w.admin.id)]);
      // Secured by the system administrator to the member alone: the project administrator cannot view it.
      await secure(rc, secret.key, [editor('user', member.id)]);

      const setting = (await ac.get(`/api/items/${parent.key}/security`)).json();
      assert.deepEqual(setting.childrenWithOwnSetting, [shown.key]);
      const forRoot = (await rc.get(`/api/items/${parent.key}/security`)).json();
      assert.deepEqual(forRoot.childrenWithOwnSetting, [shown.key, secret.key]);

      // Applying a setting to all children would change the member's access to the secret item too; the preview does not say so.
      const change = { entries: [editor('user', w.admin.id)], applyToChildren: true };
      const preview = await ac.post(`/api/items/${parent.key}/security/preview`, change);
      assert.equal(preview.statusCode, 200, preview.body);
      assert.ok(preview.json().changes.length > 0);
      assert.ok(!preview.body.includes(secret.key), preview.body);
      const rootPreview = await rc.post(`/api/items/${parent.key}/security/preview`, change);
      assert.ok(rootPreview.body.includes(secret.key), rootPreview.body);

      const cleared = await ac.delete(`/api/items/${parent.key}/security?children=true`);
      assert.equal(cleared.statusCode, 200, cleared.body);
      assert.deepEqual(
        await t.db
          .selectFrom('item_security')
          .select('item_id')
          .where('item_id', 'in', [shown.id, secret.id])
          .execute(),
        [],
      );
    });
  });
