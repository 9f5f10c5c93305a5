import { stringify } from 'csv-stringify/sync';
import type ExcelJS from 'exceljs';
import { type ColumnKind, cellText, type Dashboard, type OutTable } from './service.ts';

// Exports of the dashboard's tables: the same protected cells as the page (service.ts builds both), as CSV
// (csv-stringify; UTF-8 with a byte order mark so that spreadsheets read the accents) and XLSX (exceljs). A shown
// value is a number in the XLSX and the page's text in the CSV; a suppressed cell is "<5" or "n.d." in both.

type Fmt = (v: number, k: ColumnKind) => string;

/** exceljs, loaded at the first XLSX (issue 16): a quarter of a second of every start otherwise. */
async function workbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs');
  return new excel.Workbook();
}

function tableRows(table: OutTable, threshold: number, fmt: Fmt): string[][] {
  return table.rows.map((r) => [
    r.label,
    ...r.cells.map((c, i) => cellText(c, table.columns[i]!.kind, threshold, fmt)),
  ]);
}

/** Whether a table has anything to export (not withheld, at least one row). */
export function exportable(table: OutTable): boolean {
  return !table.withheld && table.rows.length > 0;
}

export function tableCsv(table: OutTable, threshold: number, fmt: Fmt, rowHeader: string): string {
  const header = [rowHeader, ...table.columns.map((c) => c.label)];
  return `\ufeff${stringify([header, ...tableRows(table, threshold, fmt)])}`;
}

function addSheet(
  wb: ExcelJS.Workbook,
  table: OutTable,
  threshold: number,
  fmt: Fmt,
  rowHeader: string,
  note: string,
) {
  const ws = wb.addWorksheet(table.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  ws.addRow([table.title]);
  ws.addRow([note]);
  const header = ws.addRow([rowHeader, ...table.columns.map((c) => c.label)]);
  header.font = { bold: true };
  for (const r of table.rows) {
    const row = ws.addRow([
      r.label,
      ...r.cells.map((c, i) =>
        c.status === 'shown' && c.value !== null
          ? c.value
          : cellText(c, table.columns[i]!.kind, threshold, fmt),
      ),
    ]);
    if (r.total) row.font = { bold: true };
    r.cells.forEach((c, i) => {
      if (c.status === 'shown' && table.columns[i]!.kind === 'money')
        row.getCell(i + 2).numFmt = '#,##0.00 [$€-410]';
    });
  }
  ws.getColumn(1).width = 40;
  for (let i = 2; i <= table.columns.length + 1; i++) ws.getColumn(i).width = 18;
}

export async function tablesXlsx(
  d: Dashboard,
  tables: OutTable[],
  fmt: Fmt,
  rowHeader: string,
  note: string,
): Promise<Buffer> {
  const wb = await workbook();
  wb.creator = 'Ponte';
  for (const table of tables) addSheet(wb, table, d.threshold, fmt, rowHeader, note);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads back a sheet of an XLSX as text rows from the header on (for tests and for checks). */
export async function readXlsx(buf: Buffer, rowHeader: string, sheet = 1): Promise<string[][]> {
  const wb = await workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet);
  const out: string[][] = [];
  ws?.eachRow((row) => {
    const values = (row.values as unknown[])
      .slice(1)
      .map((v) => (v === null || v === undefined ? '' : String(v)));
    out.push(values);
  });
  // From the header on: the sheet starts with the title and the rule.
  const header = out.findIndex((r) => r[0] === rowHeader);
  return header < 0 ? [] : out.slice(header);
}
