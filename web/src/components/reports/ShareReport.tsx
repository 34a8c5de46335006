import { useState } from 'react';
import type { ReportLinkCreated } from '../../../../src/contracts.js';
import {
  createReportLink,
  linkReport,
  listReportLinks,
  revokeReportLink,
  sharedReportUrl,
  type ReportState,
} from '../../api/reports.js';
import { useAction } from '../../useAction.js';
import { useFormSubmit } from '../../useFormSubmit.js';
import { useResource } from '../../useResource.js';
import { CopyField } from '../CopyField.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { Table } from '../Table.js';
import { TextField } from '../TextField.js';
import { DIMENSION_LABELS, lastDay } from './labels.js';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Sharing the report as a link (REP-6): a name, the last day it works (at most 90 days on), and — for those who see
 * money — whether it shows revenue. The link is shown once; the list below shows the caller's links, how often each was
 * opened, and revokes them.
 */
export function ShareReport({ state, money }: { state: ReportState; money: boolean }) {
  const [name, setName] = useState('');
  const [expiresOn, setExpiresOn] = useState(inDays(30));
  const [includeMoney, setIncludeMoney] = useState(false);
  const [made, setMade] = useState<ReportLinkCreated | null>(null);
  const links = useResource(listReportLinks, []);
  const revoking = useAction();
  const form = useFormSubmit(['name', 'expiresOn', 'report', 'includeMoney'], async () => {
    setMade(await createReportLink({ name, expiresOn, includeMoney, report: linkReport(state) }));
    links.reload();
  });

  return (
    <details className="panel share-report">
      <summary>Share this report as a link</summary>
      <form className="form" onSubmit={form.submit} aria-label="Share this report">
        <div className="form-row">
          <TextField label="Name" value={name} onChange={setName} required errors={form.fields} field="name" />
          <TextField
            label="Works until"
            type="date"
            value={expiresOn}
            min={inDays(0)}
            max={inDays(90)}
            onChange={setExpiresOn}
            errors={form.fields}
            field="expiresOn"
          />
        </div>
        {money && (
          <label className="checkbox">
            <input type="checkbox" checked={includeMoney} onChange={(e) => setIncludeMoney(e.target.checked)} />
            Show revenue on the shared report
          </label>
        )}
        <p className="muted">
          Anyone with the link sees this report without signing in — only what you may see yourself whenever it is
          opened — until the day above or until you revoke it.
        </p>
        <ErrorMessage error={form.fields.rest} />
        <div className="form-actions start">
          <button type="submit" className="button" disabled={form.busy}>
            Create link
          </button>
        </div>
      </form>
      {made && (
        <div role="status">
          <CopyField label={`Link to “${made.name}”`} value={sharedReportUrl(made.token)} copyLabel="Copy link" />
          <p className="muted">The link is shown only now; keep it where you share it.</p>
        </div>
      )}
      {links.data && links.data.items.length > 0 && (
        <div className="table-scroll">
          <Table
            caption="My shared links"
            showCaption
            columns={['Name', 'Report', 'Works until', 'Opened', 'State', { label: 'Actions', hidden: true }]}
          >
            {links.data.items.map((link) => (
              <tr key={link.id}>
                <td>{link.name}</td>
                <td>
                  {link.report.from} – {link.report.to}, by{' '}
                  {link.report.groupBy.map((d) => DIMENSION_LABELS[d].toLowerCase()).join(', ')}
                  {link.report.filtered ? ' (filtered)' : ''}
                  {link.includeMoney ? ', with revenue' : ''}
                </td>
                <td>{lastDay(link.expiresAt)}</td>
                <td>{link.openedCount}</td>
                <td>{link.state}</td>
                <td>
                  {link.state === 'active' && (
                    <button
                      type="button"
                      className="button secondary small"
                      disabled={revoking.busy}
                      onClick={() =>
                        void revoking.run(async () => {
                          await revokeReportLink(link.id);
                          links.reload();
                        })
                      }
                    >
                      Revoke <span className="visually-hidden">{link.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </Table>
        </div>
      )}
      <ErrorMessage error={revoking.error ?? links.error} />
    </details>
  );
}
