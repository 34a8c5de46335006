import { createDeleteGroupCommand } from '../../commands/delete-group.js';
import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { errorResponses } from '../../lib/schemas.js';
import {
  groupCreate,
  groupDeleteQuery,
  groupDeletionPreview,
  groupList,
  groupOut,
  groupUpdate,
  idParams as params,
  linkParams,
  memberList,
  passwordLinkOut,
  setPasswordBody,
  memberParams,
  userCreate,
  userCreated,
  userListQuery,
  userOut,
  userPage,
  userUpdate,
} from './schema.js';
import { createUserService } from './service.js';

const access = 'admin.users' as const;

export function userRoutes(app: App, deps: Deps) {
  const service = createUserService(deps);
  const deleteGroup = createDeleteGroupCommand(deps);
  const route = routeTable(app, { tags: ['administration'] });

  route({
    method: 'GET',
    url: '/api/users',
    access,
    summary: 'Users',
    querystring: userListQuery,
    response: userPage,
    handler: ({ actor, query }) => service.list(actor, query),
  });

  route({
    method: 'POST',
    url: '/api/users',
    access,
    summary:
      'Create a user (joins the group users), with an initial password or a one-time set-password link answered once',
    body: userCreate,
    response: userCreated,
    status: 201,
    handler: ({ actor, body }) => service.create(actor, body),
  });

  route({
    method: 'GET',
    url: '/api/users/:id',
    access,
    summary: 'One user',
    params,
    response: userOut,
    handler: ({ actor, params }) => service.get(actor, params.id),
  });

  route({
    method: 'PATCH',
    url: '/api/users/:id',
    access,
    summary: 'Change, deactivate or reactivate a user',
    params,
    body: userUpdate,
    response: userOut,
    handler: ({ actor, params, body }) => service.update(actor, params.id, body),
  });

  route({
    method: 'POST',
    url: '/api/users/:id/password-link',
    access,
    summary: "Issue a one-time set-password link (valid 7 days, answered once); the user's older links stop working",
    params,
    response: passwordLinkOut,
    status: 201,
    handler: ({ actor, params }) => service.createLink(actor, params.id),
  });

  route({
    method: 'POST',
    url: '/api/password-links/:token',
    access: 'public',
    tags: ['identity'],
    summary:
      'Set the password with a one-time link (signed out); an unknown or replaced link is a 404, a used or expired one a 410',
    params: linkParams,
    body: setPasswordBody,
    response: null,
    otherResponses: { 410: errorResponses[404] },
    handler: ({ params, body }) => service.setPasswordWithLink(params.token, body.password),
  });

  route({
    method: 'GET',
    url: '/api/groups',
    access,
    summary: 'Groups',
    response: groupList,
    handler: ({ actor }) => service.listGroups(actor),
  });

  route({
    method: 'POST',
    url: '/api/groups',
    access,
    summary: 'Create a group',
    body: groupCreate,
    response: groupOut,
    status: 201,
    handler: ({ actor, body }) => service.createGroup(actor, body),
  });

  route({
    method: 'PATCH',
    url: '/api/groups/:id',
    access,
    summary: 'Rename a group',
    params,
    body: groupUpdate,
    response: groupOut,
    handler: ({ actor, params, body }) => service.renameGroup(actor, params.id, body),
  });

  route({
    method: 'GET',
    url: '/api/groups/:id/deletion-preview',
    access,
    summary: 'What deleting a group would remove and whose access would change (ID-6, EXPL-3); nothing is written',
    params,
    response: groupDeletionPreview,
    handler: ({ actor, params }) => deleteGroup.preview(actor, params.id),
  });

  route({
    method: 'DELETE',
    url: '/api/groups/:id',
    access,
    summary:
      'Delete a group (not the built-in ones) with everything it carries; send the version previewed, and confirm=true when the preview listed anything (ID-6)',
    params,
    querystring: groupDeleteQuery,
    response: null,
    handler: ({ actor, params, query }) =>
      deleteGroup.run(actor, params.id, { version: query.version, confirm: query.confirm === 'true' }),
  });

  route({
    method: 'GET',
    url: '/api/groups/:id/members',
    access,
    summary: 'Members of a group',
    params,
    response: memberList,
    handler: ({ actor, params }) => service.members(actor, params.id),
  });

  route({
    method: 'PUT',
    url: '/api/groups/:id/members/:userId',
    access,
    summary: 'Add a user to a group',
    params: memberParams,
    response: null,
    handler: ({ actor, params }) => service.setMember(actor, params.id, params.userId, true),
  });

  route({
    method: 'DELETE',
    url: '/api/groups/:id/members/:userId',
    access,
    summary: 'Remove a user from a group',
    params: memberParams,
    response: null,
    handler: ({ actor, params }) => service.setMember(actor, params.id, params.userId, false),
  });
}
