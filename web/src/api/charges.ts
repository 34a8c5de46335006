import type {
  Charge,
  ChargeCandidates,
  ChargeDetail,
  ChargeFilters,
  ChargeInput,
  ChargePage,
} from '../../../src/contracts.js';
import { query, request } from '../api.js';

/** Charging work logs under an invoice reference (FLOW-9): candidates and their filters, charges, revocation. */

/** The charging filters as the screen holds them: ids as text, empty for "any". */
export interface CandidateFilters {
  projectId: string;
  teamId: string;
  clientId: string;
  from: string;
  to: string;
}

export const NO_FILTERS: CandidateFilters = { projectId: '', teamId: '', clientId: '', from: '', to: '' };

export const listCandidates = (filters: CandidateFilters) =>
  request<ChargeCandidates>('GET', `/charges/candidates${query({ ...filters })}`);

export const listChargeFilters = (from: string, to: string) =>
  request<ChargeFilters>('GET', `/charges/filters${query({ from, to })}`);

export const createCharge = (input: ChargeInput) => request<Charge>('POST', '/charges', { body: input });

export const listCharges = (cursor: string | null) =>
  request<ChargePage>('GET', `/charges${query({ limit: 50, cursor })}`);

export const getCharge = (id: number) => request<ChargeDetail>('GET', `/charges/${id}`);

/** API-4: the version the screen read; a stale one is a 409 `version_conflict`. */
export const revokeCharge = (charge: Pick<Charge, 'id' | 'version'>) =>
  request<Charge>('POST', `/charges/${charge.id}/revoke`, { body: { version: charge.version } });
