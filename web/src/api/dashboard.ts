import type { Dashboard, ItemWatch } from '../../../src/contracts.js';
import { request } from '../api.js';

/** The Dashboard (APP-2): every widget of the caller in one answer. */
export const getDashboard = () => request<Dashboard>('GET', '/dashboard');

/** Quick watch (ITEM-9): whether I watch an item, and watching or not. */
const watchUrl = (key: string) => `/items/${encodeURIComponent(key)}/watch`;
export const getWatch = (key: string) => request<ItemWatch>('GET', watchUrl(key));
export const setWatch = (key: string, watched: boolean) =>
  request<ItemWatch>(watched ? 'PUT' : 'DELETE', watchUrl(key));
