import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ReportDimension, ReportSummary } from '../../../../src/contracts.js';
import { keyLabel } from './labels.js';

/**
 * The summary's charts (REP-1): hours over time and each project's share. Both are drawn from summaries the server
 * computed over the same visible work logs as the table (REP-5); each has a text alternative, the table beside it.
 * Loaded on their own (React.lazy), so the chart library only reaches users who open a report.
 */
const COLOURS = ['#2f6fde', '#e07b39', '#3aa57a', '#b0469c', '#c9a227', '#5a6b7d', '#d2495b', '#47a0b8'];

const toHours = (seconds: number) => Math.round((seconds * 100) / 3600) / 100;

export default function ReportCharts({
  overTime,
  byProject,
  period,
}: {
  overTime: ReportSummary;
  byProject: ReportSummary;
  period: ReportDimension;
}) {
  const bars = overTime.rows.map((r) => ({ name: keyLabel(period, r.keys[0]), hours: toHours(r.seconds) }));
  const slices = byProject.rows.map((r) => ({ name: keyLabel('project', r.keys[0]), hours: toHours(r.seconds) }));
  const describe = (data: Array<{ name: string; hours: number }>) =>
    data.map((d) => `${d.name}: ${d.hours} h`).join('; ') || 'no hours';
  return (
    <div className="report-charts">
      <figure className="panel">
        <figcaption>Hours over time</figcaption>
        <div role="img" aria-label={`Hours over time — ${describe(bars)}`} className="chart">
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={bars} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" tick={{ fontSize: 12 }} />
              <YAxis tick={{ fontSize: 12 }} unit=" h" width={56} />
              <Tooltip formatter={(value) => [`${String(value)} h`, 'Hours']} />
              <Bar dataKey="hours" fill={COLOURS[0]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure className="panel">
        <figcaption>Share by project</figcaption>
        <div role="img" aria-label={`Share by project — ${describe(slices)}`} className="chart">
          <ResponsiveContainer width="100%" height={240}>
            <PieChart>
              <Pie data={slices} dataKey="hours" nameKey="name" outerRadius={90} isAnimationActive={false}>
                {slices.map((s, i) => (
                  <Cell key={s.name} fill={COLOURS[i % COLOURS.length]} />
                ))}
              </Pie>
              <Tooltip formatter={(value) => [`${String(value)} h`, 'Hours']} />
            </PieChart>
          </ResponsiveContainer>
        </div>
      </figure>
    </div>
  );
}
