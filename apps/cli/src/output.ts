/** Prints for people (aligned columns) or, with --json, for scripts (one JSON document). */
export class Output {
  constructor(
    readonly json: boolean,
    private readonly write: (text: string) => void = (text) => process.stdout.write(text),
  ) {}

  line(text: string): void {
    if (!this.json) this.write(`${text}\n`);
  }

  result(value: unknown, human: () => string): void {
    this.write(this.json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
  }
}

/** Columns padded to their widest cell, as govc prints its lists. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const format = (cells: readonly string[]) => cells.map((cell, column) => (cell ?? '').padEnd(widths[column])).join('  ').trimEnd();
  return [format(head), ...rows.map(format)].join('\n');
}

export interface Warning {
  readonly code: string;
  readonly message: string;
}

/** The API's warnings as lines after a result, for people (scripts read them in the JSON). */
export const warningLines = (warnings: readonly Warning[] = []): string => warnings.map((warning) => `\nwarning ${warning.code}: ${warning.message}`).join('');

export const mib = (value: number): string => (value >= 1024 && value % 1024 === 0 ? `${value / 1024} GiB` : `${value} MiB`);
