import type { Item, ItemUpdate, MoveTargetPage, Trash } from '../../../src/contracts.js';
import { query, request, seg } from '../api.js';

/** The work-item lifecycle: editing in place, the tree operations (ITEM-8) and the project's trash. */
export const itemsApi = {
  /** Optimistic (API-4): a stale version answers 409 `version_conflict`. */
  update: (item: Pick<Item, 'key' | 'version'>, changes: Omit<ItemUpdate, 'version'>) =>
    request<Item>('PATCH', `/items/${seg(item.key)}`, { body: { version: item.version, ...changes } }),
  /** `parentKey` null: the top of the project. */
  move: (item: Pick<Item, 'key' | 'version'>, parentKey: string | null) =>
    request<Item>('POST', `/items/${seg(item.key)}/move`, { body: { parentKey, version: item.version } }),
  moveTargets: (key: string, q: string, cursor?: string | null) =>
    request<MoveTargetPage>('GET', `/items/${seg(key)}/move-targets${query({ q, limit: 50, cursor })}`),
  /** Pastes a copy of `key` (and the part of its subtree the caller sees) under `parentKey`. */
  paste: (key: string, parentKey: string | null) =>
    request<Item>('POST', `/items/${seg(key)}/copy`, { body: { parentKey } }),
  trash: (item: Pick<Item, 'key' | 'version'>) =>
    request<void>('DELETE', `/items/${seg(item.key)}${query({ version: item.version })}`),
  listTrash: (projectKey: string) => request<Trash>('GET', `/projects/${seg(projectKey)}/trash`),
  restore: (key: string) => request<Item>('POST', `/items/${seg(key)}/restore`),
  purge: (projectKey: string, key: string) => request<void>('DELETE', `/projects/${seg(projectKey)}/trash/${seg(key)}`),
};
