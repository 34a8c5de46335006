import type { TeamStanding } from '../../authz/decide.js';
import { abilities, seesMoney, seesTeamNames, type Actor } from '../../authz/engine.js';
import type { Decision } from '../../authz/decide.js';
import type { ProjectTeamFacts } from '../../authz/facts.js';
import { showMoney } from '../../lib/money.js';
import type { WorklogFacts } from './facts.js';
import type { WorklogRow } from './repo.js';
import type { WorklogOut, WorklogPreview } from './schema.js';

/** Work logs and previews as the API answers them, with the caller's abilities decided from facts already loaded. */

/** Who reads a response: the caller, and the two global decisions every row of it shows or hides things by. */
export interface Reader {
  actor: Actor;
  /** PRICE-7: rates and currencies. */
  seesMoney: boolean;
  /** TEAM-8: team and price-list names (none for users denied ISSUE_TIME_TABS). */
  seesTeamNames: boolean;
}

/** Decides once per response what its rows may show. */
export function readerOf(actor: Actor): Reader {
  return { actor, seesMoney: seesMoney(actor), seesTeamNames: seesTeamNames(actor) };
}

/** The rate recorded, with its currency, for readers who may see money (PRICE-7): absent, not null, for the others. */
function priced(sees: boolean, rate: string | null, currency: string | null): { rate?: string; currency?: string } {
  if (rate === null) return {};
  const shown = showMoney(sees, { rate });
  return 'rate' in shown ? { rate: shown.rate, currency: currency ?? '' } : {};
}

const named = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });

export function worklogOut(row: WorklogRow, reader: Reader, facts: WorklogFacts): WorklogOut {
  return {
    id: row.id,
    item: { key: row.item_key, title: row.item_title, projectKey: row.project_key },
    author: { id: row.author_id, displayName: row.author_name },
    startDate: row.start_date,
    startTime: row.start_time ? row.start_time.slice(0, 5) : null,
    durationSeconds: row.duration_seconds,
    description: row.description,
    team: reader.seesTeamNames ? named(row.team_id, row.team_name) : null,
    priceList: reader.seesTeamNames ? named(row.price_list_id, row.price_list_name) : null,
    ...priced(reader.seesMoney, row.rate, row.currency),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: abilities(
      reader.actor.subject,
      { project: facts.project, item: facts.item, owner: facts.owner },
      {
        canEdit: { action: 'worklog.edit', ownerId: row.author_id },
        canDelete: { action: 'worklog.delete', ownerId: row.author_id },
      },
    ),
  };
}

/** The log-work dialog's answer: the decision, and what the work log would record where it may be logged. */
export function previewOut(
  reader: Reader,
  decision: Decision,
  teams: ProjectTeamFacts | undefined,
  snapshot: Pick<TeamStanding, 'team' | 'priceList'>,
): WorklogPreview {
  return {
    allowed: decision.allowed,
    code: decision.deciding.code,
    message: decision.deciding.message,
    teamChecks: teams?.checks ?? 'on',
    team: snapshot.team ? { id: snapshot.team.teamId, name: snapshot.team.teamName } : null,
    priceList: snapshot.priceList ? { id: snapshot.priceList.id, name: snapshot.priceList.name } : null,
    ...priced(reader.seesMoney, snapshot.priceList?.hourlyRate ?? null, snapshot.priceList?.currency ?? null),
  };
}
