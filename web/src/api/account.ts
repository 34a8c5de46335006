import type {
  ApiToken,
  ApiTokenCreated,
  PasswordChange,
  SessionsEnded,
  SetupInput,
  SetupStatus,
  SignedIn,
} from '../../../src/contracts.js';
import { request } from '../api.js';

/** The first start (signed out) and My account: the caller's password, API tokens and sessions (ID-3). */
export const accountApi = {
  setupStatus: () => request<SetupStatus>('GET', '/setup', { expectUnauthorized: true }),
  /** Creates the first administrator and signs in as them; 409 `setup_done` once anyone exists. */
  setup: (input: SetupInput) => request<SignedIn>('POST', '/setup', { body: input, expectUnauthorized: true }),

  /** A wrong current password is a 400 on `currentPassword`; the caller's other sessions end. */
  changePassword: (input: PasswordChange) => request<SessionsEnded>('PUT', '/me/password', { body: input }),
  endOtherSessions: () => request<SessionsEnded>('DELETE', '/me/sessions'),

  listTokens: () => request<{ items: ApiToken[] }>('GET', '/me/tokens'),
  /** The token itself is in this answer only. */
  createToken: (name: string) => request<ApiTokenCreated>('POST', '/me/tokens', { body: { name } }),
  revokeToken: (id: number) => request<void>('DELETE', `/me/tokens/${id}`),
};
