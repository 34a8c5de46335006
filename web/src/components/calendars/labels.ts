/** How working time reads on screen. */

const SHORT = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

/** Hours with up to two decimals: "7.5 h". */
export const hoursText = (seconds: number) => `${Math.round((seconds / 3600) * 100) / 100} h`;

/** A week's working time: "Mo–Th 8 h, Fr 4 h" style, day by day where it differs. */
export function weekText(daySeconds: readonly number[]): string {
  const parts = daySeconds.flatMap((s, i) => (s > 0 ? [`${SHORT[i]} ${hoursText(s)}`] : []));
  return parts.length ? parts.join(', ') : 'no working days';
}
