// xlsx-populate 1.21 ships no declarations: the part of its API the app uses (a workbook opened,
// read and written back with its formatting; optionally encrypted with a password).
declare module 'xlsx-populate' {
  type CellValue = string | number | boolean | Date | undefined | { text(): string };

  interface Cell {
    value(): CellValue;
    value(value: string | number | boolean | Date | null | undefined): Cell;
    /** The formula without "=", "SHARED" for a cell of a shared formula, undefined without one. */
    formula(): string | undefined;
    formula(formula: string): Cell;
    style(name: string): unknown;
    style(name: string, value: unknown): Cell;
    style(styles: Record<string, unknown>): Cell;
    rowNumber(): number;
    columnNumber(): number;
    address(): string;
  }
  interface Range {
    address(): string;
    startCell(): Cell;
    endCell(): Cell;
    merged(): boolean;
    merged(merged: boolean): Range;
    style(name: string, value: unknown): Range;
  }
  interface Column {
    width(): number | undefined;
    width(width: number): Column;
    hidden(): boolean;
  }
  interface Row {
    height(): number | undefined;
    hidden(): boolean;
  }
  interface Sheet {
    name(): string;
    name(name: string): Sheet;
    hidden(): boolean | 'very';
    cell(row: number, column: number): Cell;
    cell(address: string): Cell;
    column(column: number | string): Column;
    row(row: number): Row;
    range(address: string): Range;
    usedRange(): Range | undefined;
    /** Whether the range "A1:D1" is merged. */
    merged(address: string): boolean;
    merged(address: string, merged: boolean): Sheet;
  }
  interface Workbook {
    sheets(): Sheet[];
    sheet(nameOrIndex: string | number): Sheet | undefined;
    addSheet(name: string): Sheet;
    outputAsync(options?: { type?: 'nodebuffer' | 'uint8array'; password?: string }): Promise<Uint8Array>;
  }
  const XlsxPopulate: {
    fromBlankAsync(): Promise<Workbook>;
    fromDataAsync(data: Uint8Array | ArrayBuffer, options?: { password?: string }): Promise<Workbook>;
  };
  export type { Cell, Sheet, Workbook };
  export default XlsxPopulate;
}
