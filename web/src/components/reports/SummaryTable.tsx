import type { ReportSummary } from '../../../../src/contracts.js';
import { formatValues } from '../../money.js';
import { href } from '../../router.js';
import { Table } from '../Table.js';
import { DIMENSION_LABELS, hours, keyLabel } from './labels.js';

/** The summary as a table: a column per grouping, each subtotal in bold before its subgroups, the total last (REP-1). */
export function SummaryTable({ summary }: { summary: ReportSummary }) {
  const { groupBy, rows, total, money } = summary;
  const columns = [
    ...groupBy.map((d) => DIMENSION_LABELS[d]),
    { label: 'Hours', className: 'numeric' },
    { label: 'Entries', className: 'numeric' },
    money && { label: 'Revenue', className: 'numeric' },
  ];
  return (
    <div className="table-scroll">
      <Table caption="Hours by group" columns={columns} className="report-table">
        {rows.map((row, index) => {
          const subtotal = row.keys.length < groupBy.length;
          return (
            <tr key={index} className={subtotal ? 'subtotal' : undefined}>
              {groupBy.map((dimension, k) => {
                const key = row.keys[k];
                if (!key || k < row.keys.length - 1) return <td key={dimension} aria-hidden={!key} />;
                const label = keyLabel(dimension, key);
                return (
                  <th scope="row" key={dimension}>
                    {dimension === 'item' && key.code ? <a href={href.item(key.code)}>{label}</a> : label}
                  </th>
                );
              })}
              <td className="numeric">{hours(row.seconds)}</td>
              <td className="numeric">{row.entries}</td>
              {money && <td className="numeric">{formatValues(row.revenue ?? [])}</td>}
            </tr>
          );
        })}
        <tr className="total">
          <th scope="row" colSpan={groupBy.length}>
            Total
          </th>
          <td className="numeric">{hours(total.seconds)}</td>
          <td className="numeric">{total.entries}</td>
          {money && <td className="numeric">{formatValues(total.revenue ?? [])}</td>}
        </tr>
      </Table>
    </div>
  );
}
