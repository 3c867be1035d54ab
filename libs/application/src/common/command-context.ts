/** Who asked, and which request or event the command belongs to (for the audit trail). */
export interface CommandContext {
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string | null;
}
