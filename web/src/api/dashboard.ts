import type { Dashboard } from '../../../src/contracts.js';
import { request } from '../api.js';

/** The Dashboard (APP-2): every widget of the caller in one answer. */
export const getDashboard = () => request<Dashboard>('GET', '/dashboard');
