import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CostReport } from '../../../../src/contracts.js';
import { formatMoney } from '../../money.js';
import { amountIn } from './labels.js';

const SCHEDULED = '#2f6fde';
const ACTUAL = '#e07b39';

/**
 * Scheduled against actual cost per group, in one currency (REP-2). Drawn from the report the table shows; the text
 * alternative reads every bar. Loaded on its own (React.lazy), so the chart library only reaches users who open it.
 */
export default function CostChart({ report, currency }: { report: CostReport; currency: string }) {
  const bars = report.rows.map((r) => ({
    name: r.label,
    scheduled: amountIn(r.scheduledCost, currency),
    actual: amountIn(r.actualCost, currency),
  }));
  const text = (value: number) => formatMoney(value.toFixed(2), currency);
  const described = bars.map((b) => `${b.name}: scheduled ${text(b.scheduled)}, actual ${text(b.actual)}`).join('; ');
  return (
    <div role="img" aria-label={`Scheduled and actual cost in ${currency} — ${described}`} className="chart">
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={bars} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} width={72} />
          <Tooltip formatter={(value, name) => [text(Number(value)), name]} />
          <Legend />
          <Bar dataKey="scheduled" name="Scheduled cost" fill={SCHEDULED} maxBarSize={56} isAnimationActive={false} />
          <Bar dataKey="actual" name="Actual cost" fill={ACTUAL} maxBarSize={56} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
