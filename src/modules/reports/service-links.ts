import { sql } from 'kysely';
import { decide } from '../../authz/decide.js';
import { QUICK } from '../../authz/enforce.js';
import { seesMoney, seesTeamNames, type Actor } from '../../authz/engine.js';
import { loadSubjects } from '../../authz/loader.js';
import type { Deps } from '../../lib/deps.js';
import { badRequest, notFound } from '../../lib/errors.js';
import { loadDateSettings } from '../../lib/installation.js';
import { audit, recordAudit } from '../audit/repo.js';
import { digest, newSecret } from '../auth/secrets.js';
import { linkOut } from './present.js';
import * as links from './repo-links.js';
import { summaryQuery, type SummaryQuery } from './schema.js';
import { MAX_LINK_DAYS, type LinkCreate, type SharedReportOut } from './schema-links.js';
import { checkReport, namesTeams, screenSummary } from './service.js';

const LINK_PREFIX = 'twr_';

/** A report as its link stores it: as the summary's query takes it (lists joined), so every open parses it again. */
function storedReport(report: SummaryQuery): Record<string, string> {
  return Object.fromEntries(
    Object.entries(report)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, Array.isArray(value) ? value.join(',') : String(value)]),
  );
}

/**
 * Shared report links (REP-6), Timeward's client portal: a report shared as a link that expires within 90 days and
 * can be revoked. Every open re-checks the creator's permissions as they are now — a creator who may no longer open
 * Reports shares nothing (404, as for an unknown link) — counts only what the creator may see now (REP-5), shows money
 * only when the link includes it and the creator may see money now (PRICE-7), and is audited.
 */
export function createReportLinkService({ db, authz }: Deps) {
  async function create(actor: Actor, body: LinkCreate) {
    await checkReport(authz, actor, body.report, 'report');
    if (body.includeMoney) await authz.authorize(actor, 'money.view');
    const { today, timeZone } = await loadDateSettings(db);
    const days = (Date.parse(body.expiresOn) - Date.parse(today)) / 86_400_000;
    if (days < 0 || days > MAX_LINK_DAYS)
      throw badRequest('expiresOn', `A shared link expires between today and ${MAX_LINK_DAYS} days from now.`);
    const token = newSecret(LINK_PREFIX);
    return db.transaction().execute(async (trx) => {
      // The link works through the last day in the installation's time zone.
      const { rows } = await sql<{
        at: Date;
      }>`select ((${body.expiresOn}::date + 1)::timestamp at time zone ${timeZone}) as at`.execute(trx);
      const row = await links.insertLink(trx, {
        creatorId: actor.userId,
        name: body.name,
        digest: digest(token),
        report: storedReport(body.report),
        includeMoney: body.includeMoney,
        expiresAt: rows[0].at.toISOString(),
      });
      await audit(trx, actor, 'reportLink.create', row.id, { after: { name: row.name, expiresAt: row.expires_at } });
      return { ...linkOut(row), token };
    });
  }

  async function list(actor: Actor) {
    return { items: (await links.findLinksOf(db, actor.userId)).map(linkOut) };
  }

  /** Revokes one of the caller's links; revoking a revoked link changes nothing. Another user's link is a 404. */
  async function revoke(actor: Actor, id: number) {
    return db.transaction().execute(async (trx) => {
      const row = await links.lockLinkOf(trx, actor.userId, id);
      if (!row) throw notFound('shared link');
      if (row.revoked_at) return linkOut(row);
      const revoked = await links.revokeLink(trx, id);
      await audit(trx, actor, 'reportLink.revoke', id, {
        before: { revokedAt: null },
        after: { revokedAt: revoked.revoked_at },
      });
      return linkOut(revoked);
    });
  }

  /** What the link shows now; an unknown, expired or revoked link, or one whose creator may no longer report, is a 404. */
  async function open(token: string): Promise<SharedReportOut> {
    return db.transaction().execute(async (trx) => {
      const row = await links.openLink(trx, digest(token));
      if (!row) throw notFound('shared report');
      const creator = (await loadSubjects(trx, [row.creator_id])).get(row.creator_id);
      const query = summaryQuery.safeParse(row.report);
      const reader = creator && { userId: creator.userId, systemAdmin: creator.systemAdmin, subject: creator };
      if (!reader || !query.success || !decide('report.view', creator, {}, QUICK).allowed)
        throw notFound('shared report');
      const report: SummaryQuery = query.data;
      if (namesTeams(report) && !seesTeamNames(reader)) throw notFound('shared report');
      const summary = await screenSummary(trx, reader, report, row.include_money && seesMoney(reader));
      await recordAudit(trx, { actorId: null, action: 'reportLink.open', entityType: 'report_link', entityId: row.id });
      return {
        name: row.name,
        sharedBy: creator.name ?? '',
        expiresAt: row.expires_at.toISOString(),
        report: { from: report.from, to: report.to, groupBy: report.groupBy },
        summary,
      };
    });
  }

  return { create, list, revoke, open };
}
