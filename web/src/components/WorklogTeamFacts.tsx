import { formatRate } from '../money.js';
import type { Named } from '../../../src/contracts.js';

interface Props {
  team: Named | null;
  priceList: Named | null;
  /** Present only when the API sent it, i.e. for those who see money (PRICE-7). */
  rate?: string;
  currency?: string;
}

/** The team, price list and — only when the API sent one — rate a work log records (WL-1, PRICE-5). */
export function WorklogTeamFacts({ team, priceList, rate, currency }: Props) {
  return (
    <dl className="facts compact-facts">
      <div>
        <dt>Team</dt>
        <dd>{team?.name ?? <span className="muted">None</span>}</dd>
      </div>
      <div>
        <dt>Price list</dt>
        <dd>{priceList?.name ?? <span className="muted">None</span>}</dd>
      </div>
      {rate !== undefined && (
        <div>
          <dt>Rate</dt>
          <dd>{formatRate(rate, currency ?? '')}</dd>
        </div>
      )}
    </dl>
  );
}
