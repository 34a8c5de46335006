import type { Charge } from '../../../../src/contracts.js';

/** Charged (the work logs are locked) or revoked (they were released). */
export function ChargeState({ charge }: { charge: Pick<Charge, 'state'> }) {
  return charge.state === 'charged' ? (
    <span className="badge charge-charged">Charged</span>
  ) : (
    <span className="badge charge-revoked">Revoked</span>
  );
}
