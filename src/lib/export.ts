import { EventEmitter, once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';

/**
 * Exports (REP-4): a table — typed columns and rows that arrive in chunks from a keyset walk of the database — written
 * as CSV (csv-stringify) or XLSX (exceljs's streaming writer) while it is read, so memory does not grow with the rows.
 */

export type ColumnType = 'text' | 'number' | 'date' | 'decimal';
export interface Column {
  header: string;
  type: ColumnType;
}
export type Cell = string | number | null;
export interface Table {
  columns: Column[];
  /** Rows in chunks, in the order they are written; a cell's type is its column's (a date as YYYY-MM-DD). */
  chunks: AsyncIterable<Cell[][]>;
}

/** XLSX holds 1,048,576 rows a sheet; a new sheet starts well before, its header repeated. */
export const XLSX_SHEET_ROWS = 1_000_000;

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type ExportFormat = keyof typeof CONTENT_TYPES;

/** At most `size` holders at once; the others wait in order. */
export class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];
  constructor(size: number) {
    this.free = Math.max(1, size);
  }
  async acquire(): Promise<{ release(): void }> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const next = this.waiting.shift();
        if (next) next();
        else this.free++;
      },
    };
  }
}

/**
 * The source's chunks, asking for the next as soon as one is handed on: the database reads a chunk while the one before
 * is written. Stopping early (a download given up) closes the source once its chunk in flight has arrived.
 */
export async function* readAhead<T>(source: AsyncIterator<T>): AsyncGenerator<T> {
  let next = source.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = source.next();
      next.catch(() => {}); // awaited above on the next turn; one given up must not crash the process
      yield current.value;
    }
  } finally {
    await next.catch(() => undefined);
    await source.return?.();
  }
}

/** Rows already read, as a table's one chunk. */
export async function* oneChunk(rows: Cell[][]): AsyncGenerator<Cell[][]> {
  yield rows;
}

async function* rowsOf(table: Table) {
  for await (const chunk of table.chunks) for (const row of chunk) yield row;
}

/** CSV: a header line, then the rows; decimals and dates as their text, so nothing is rounded or reformatted. */
function csv(table: Table): Readable {
  const out = stringify({ header: true, columns: table.columns.map((c) => c.header), bom: true });
  void pipeline(Readable.from(rowsOf(table)), out).catch((e: unknown) => out.destroy(e as Error));
  return out;
}

const NUMBER_FORMATS: Record<ColumnType, string | undefined> = {
  text: undefined,
  number: undefined,
  decimal: '0.00',
  date: 'yyyy-mm-dd',
};

function typed(cell: Cell, type: ColumnType): ExcelJS.CellValue {
  if (cell === null) return null;
  if (type === 'date' && typeof cell === 'string') return new Date(`${cell}T00:00:00Z`);
  if ((type === 'number' || type === 'decimal') && typeof cell === 'string') return Number(cell);
  return cell;
}

/** The XML the zip has yet to compress, past which the writer waits: a few megabytes. */
const ZIP_BACKLOG_BYTES = 1024 * 1024;

/**
 * Waits while the zip's input holds more than ZIP_BACKLOG_BYTES of the sheet's XML. exceljs's sheet stream (StreamBuf)
 * writes into the zip without waiting for it, so when rows come faster than deflate compresses them — read through a
 * cursor, they do — the XML piled up there (measured: 505 MB of RSS growth for a million rows). Its input is the
 * sheet stream's pipe; should a later exceljs not have one, nothing waits.
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  const input = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0];
  if (!(input instanceof EventEmitter)) return;
  const backlog = () => (input as { _writableState?: { length?: number } })._writableState?.length ?? 0;
  while (backlog() > ZIP_BACKLOG_BYTES) await once(input, 'drain');
}

/** XLSX: dates and numbers typed; a sheet per XLSX_SHEET_ROWS rows; inline strings, so nothing is kept per string. */
function xlsx(table: Table, sheetName: string, sheetRows: number): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  // One style object per column, shared by its cells: the writer looks a style's id up by the object, so each cell's
  // own copy was serialised again for every cell (measured: about a fifth of a million-row export's time).
  const styles: Array<Partial<ExcelJS.Style>> = table.columns.map((c) => {
    const numFmt = NUMBER_FORMATS[c.type];
    return numFmt ? { numFmt } : {};
  });
  const newSheet = (n: number) => {
    const sheet = workbook.addWorksheet(n === 1 ? sheetName : `${sheetName} (${n})`);
    sheet.columns = table.columns.map((c, k) => ({
      header: c.header,
      width: c.type === 'text' ? 24 : 12,
      style: styles[k],
    }));
    return sheet;
  };
  void (async () => {
    let sheets = 1;
    let sheet = newSheet(sheets);
    let rows = 0;
    for await (const row of rowsOf(table)) {
      if (rows === sheetRows) {
        sheet.commit();
        sheet = newSheet(++sheets);
        rows = 0;
      }
      const added = sheet.addRow(row.map((cell, k) => typed(cell, table.columns[k].type)));
      added.eachCell({ includeEmpty: true }, (cell, n) => (cell.style = styles[n - 1]));
      added.commit();
      rows++;
      if (rows % 500 === 0) await zipCaughtUp(sheet);
      // The writer does not wait for the reader: wait for the response to drain, so memory stays flat.
      if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
    }
    sheet.commit();
    await workbook.commit();
  })().catch((e: unknown) => out.destroy(e as Error));
  return out;
}

/** The table as a stream of the format's bytes; `sheetRows` rows to an XLSX sheet (less only in tests). */
export function exportStream(
  table: Table,
  format: ExportFormat,
  sheetName: string,
  sheetRows = XLSX_SHEET_ROWS,
): Readable {
  return format === 'csv' ? csv(table) : xlsx(table, sheetName, sheetRows);
}
