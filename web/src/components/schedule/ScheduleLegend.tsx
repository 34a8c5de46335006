/** What the timeline's colours and marks mean. */
export function ScheduleLegend() {
  return (
    <ul className="sch-legend" aria-label="Legend">
      <li>
        <span className="sch-swatch project" aria-hidden="true" /> Coloured by project
      </li>
      <li>
        <span className="sch-swatch neutral" aria-hidden="true" /> No project (a title, a meeting, out of office)
      </li>
      <li>
        <span className="sch-swatch tentative" aria-hidden="true" /> Tentative
      </li>
      <li>
        <span className="sch-swatch busy" aria-hidden="true" /> Busy: on a work item you may not view
      </li>
      <li>
        <span className="sch-swatch over" aria-hidden="true" /> Overbooked day
      </li>
      <li>
        <span className="sch-swatch off" aria-hidden="true" /> Day off or holiday
      </li>
      <li>
        <span className="sch-swatch leave" aria-hidden="true" /> Leave
      </li>
    </ul>
  );
}
