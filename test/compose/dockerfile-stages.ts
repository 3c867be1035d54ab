export interface DockerfileStage {
  readonly name: string | null;
  readonly from: string;
  readonly instructions: readonly string[];
}

/** Splits a Dockerfile into its build stages (comments and line continuations folded away). */
export function dockerfileStages(text: string): DockerfileStage[] {
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages: { name: string | null; from: string; instructions: string[] }[] = [];
  for (const line of lines) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ from: from[1], name: from[2] ?? null, instructions: [] });
    else stages.at(-1)?.instructions.push(line);
  }
  return stages;
}
