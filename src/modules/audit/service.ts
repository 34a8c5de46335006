import { openAreas } from '../../authz/areas.js';
import { seesMoney, seesTeamNames, type Actor } from '../../authz/engine.js';
import type { Deps } from '../../lib/deps.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import { auditActions, auditEntityTypes } from './labels.js';
import { auditRowOut } from './present.js';
import { findAuditRows } from './repo.js';
import type { AuditFacets, AuditQuery } from './schema.js';

export function createAuditService({ db }: Deps) {
  /**
   * Filters and pages in SQL. Rows the reader may not see are filtered before the page is cut, so neither the page,
   * its size nor its cursor tells them apart from rows that do not exist (EXPL-4). Money stays out for readers
   * without a money role (PRICE-7); rows about teams and price lists, which name them, stay out for readers who see
   * no team names (TEAM-8).
   */
  async function search(actor: Actor, query: AuditQuery) {
    const after = decodeCursor<[number]>(query.cursor, ['number']);
    const rows = await findAuditRows(db, actor, query, { afterId: after?.[0], withTeams: seesTeamNames(actor) });
    const page = pageOf(rows, query.limit, (r) => [r.id]);
    const money = seesMoney(actor);
    return { items: page.items.map((r) => auditRowOut(r, money)), nextCursor: page.nextCursor };
  }

  /**
   * What the search filters on: the audited actions and entity types, in plain words, the same for every reader;
   * and how the reader's rows are shown (money, links to teams). Nothing here depends on the log's contents.
   */
  function facets(actor: Actor): AuditFacets {
    return {
      actions: auditActions(),
      entityTypes: auditEntityTypes(),
      reader: {
        seesMoney: seesMoney(actor),
        teamsArea: seesTeamNames(actor) && openAreas(actor.subject).includes('Teams'),
      },
    };
  }
  return { search, facets };
}
