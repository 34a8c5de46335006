/** A one-line progress bar on stderr (redrawn in place on a terminal, a line per 10% otherwise). */
export function createProgressBar(stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastPhase = '';
  let lastDecile = -1;
  let lastDraw = 0;
  return {
    update(phase: string, done: number, total: number) {
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const now = Date.now();
      const elapsed = ((now - started) / 1000).toFixed(1);
      if (stream.isTTY) {
        if (now - lastDraw < 100 && done < total && phase === lastPhase) return;
        const width = 30;
        const filled = Math.round(ratio * width);
        const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
        stream.write(
          `\r${phase.padEnd(9)} ${bar} ${(ratio * 100).toFixed(0).padStart(3)}% ${done}/${total} ${elapsed}s\x1b[K`,
        );
        if (done >= total) stream.write('\n');
      } else {
        const decile = Math.floor(ratio * 10);
        if (phase === lastPhase && decile === lastDecile) return;
        lastDecile = decile;
        stream.write(`${phase} ${(ratio * 100).toFixed(0)}% ${done}/${total} ${elapsed}s\n`);
      }
      lastPhase = phase;
      lastDraw = now;
    },
  };
}
