/** The kinds of object our vCenter-like identifiers name, with vCenter's prefix for each. */
export const MOID_PREFIX = {
  vm: 'vm',
  host: 'host',
  datastore: 'datastore',
} as const;

export type MoidKind = keyof typeof MOID_PREFIX;

/** `vm-1042` from kind and number. */
export const formatMoid = (kind: MoidKind, number: number): string => `${MOID_PREFIX[kind]}-${number}`;

/** The number of a well-formed identifier of that kind, else undefined (e.g. `host-12` asked for as a VM). */
export function parseMoid(kind: MoidKind, moid: string): number | undefined {
  const match = /^([a-z]+)-([1-9]\d{0,9})$/.exec(moid);
  if (!match || match[1] !== MOID_PREFIX[kind]) return undefined;
  const number = Number(match[2]);
  return Number.isSafeInteger(number) && number <= 2_147_483_647 ? number : undefined;
}
