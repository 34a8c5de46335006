/** A cell of the grid by position: row (work item) and column (day). */
export interface Position {
  row: number;
  col: number;
}

/**
 * Where a key moves the focus among the day cells: arrows by one, Home/End to the row's ends (with Ctrl, the grid's),
 * Tab and Shift+Tab in reading order (row after row). `'leave'`: Tab past the last cell or Shift+Tab before the first —
 * the browser moves on to what follows or precedes the grid. `null`: not a moving key.
 */
export function moveFor(
  key: string,
  modifiers: { shift: boolean; ctrl: boolean },
  at: Position,
  size: { rows: number; cols: number },
): Position | 'leave' | null {
  const clamp = (row: number, col: number) => ({
    row: Math.max(0, Math.min(size.rows - 1, row)),
    col: Math.max(0, Math.min(size.cols - 1, col)),
  });
  switch (key) {
    case 'ArrowLeft':
      return clamp(at.row, at.col - 1);
    case 'ArrowRight':
      return clamp(at.row, at.col + 1);
    case 'ArrowUp':
      return clamp(at.row - 1, at.col);
    case 'ArrowDown':
      return clamp(at.row + 1, at.col);
    case 'Home':
      return modifiers.ctrl ? clamp(0, 0) : clamp(at.row, 0);
    case 'End':
      return modifiers.ctrl ? clamp(size.rows - 1, size.cols - 1) : clamp(at.row, size.cols - 1);
    case 'Tab': {
      const index = at.row * size.cols + at.col + (modifiers.shift ? -1 : 1);
      if (index < 0 || index >= size.rows * size.cols) return 'leave';
      return { row: Math.floor(index / size.cols), col: index % size.cols };
    }
    default:
      return null;
  }
}

/** A key that types a character into a cell (starting its editor), not a shortcut. */
export const isTypingKey = (event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }) =>
  event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey && event.key !== ' ';
