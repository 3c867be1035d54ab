export type ReserveVmName = {
  readonly type: 'reserve';
  readonly name: string;
  readonly vmId: string;
  /** Live VMs the inventory knows by this name; those created before names were reserved hold it nowhere else. */
  readonly inventoryHolderIds: readonly string[];
};
/** A no-op unless `vmId` holds the name. */
export type ReleaseVmName = { readonly type: 'release'; readonly name: string; readonly vmId: string };

export type VmNameCommand = ReserveVmName | ReleaseVmName;
