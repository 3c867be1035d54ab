export const READ_MODEL_CATCH_UP = Symbol('READ_MODEL_CATCH_UP');

/** Brings this replica's read models up to the log: its own share of the work an append leaves behind. */
export interface ReadModelCatchUp {
  catchUp(): Promise<void>;
}
