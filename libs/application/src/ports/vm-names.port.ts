export const VM_NAMES = Symbol('VM_NAMES');

/** The VMs the read model knows by a name (exactly, case-sensitive). */
export interface VmNames {
  idsNamed(name: string): Promise<readonly string[]>;
}
