import { Prisma } from '../prisma/generated/client';
import { ViewName, ViewRows } from './view-rows';

type Tx = Prisma.TransactionClient;

export interface ViewTable<Row> {
  find(tx: Tx, id: string): Promise<Row | null>;
  save(tx: Tx, row: Row): Promise<void>;
  remove(tx: Tx, id: string): Promise<void>;
  clear(tx: Tx): Promise<void>;
}

const json = (value: unknown) => (value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue));

const hostTable: ViewTable<ViewRows['host']> = {
  find: async (tx, id) => (await tx.hostView.findUnique({ where: { id } })) as ViewRows['host'] | null,
  save: async (tx, row) => { await tx.hostView.upsert({ where: { id: row.id }, create: row, update: row }); },
  remove: async (tx, id) => { await tx.hostView.deleteMany({ where: { id } }); },
  clear: async (tx) => { await tx.hostView.deleteMany(); },
};

const datastoreTable: ViewTable<ViewRows['datastore']> = {
  find: async (tx, id) => tx.datastoreView.findUnique({ where: { id } }),
  save: async (tx, row) => { await tx.datastoreView.upsert({ where: { id: row.id }, create: row, update: row }); },
  remove: async (tx, id) => { await tx.datastoreView.deleteMany({ where: { id } }); },
  clear: async (tx) => { await tx.datastoreView.deleteMany(); },
};

const vmTable: ViewTable<ViewRows['vm']> = {
  find: async (tx, id) => (await tx.vmView.findUnique({ where: { id } })) as unknown as ViewRows['vm'] | null,
  save: async (tx, row) => {
    const data = {
      ...row,
      disks: json(row.disks),
      nics: json(row.nics),
      workload: json(row.workload),
    } as Prisma.VmViewCreateInput;
    await tx.vmView.upsert({ where: { id: row.id }, create: data, update: data });
  },
  remove: async (tx, id) => { await tx.vmView.deleteMany({ where: { id } }); },
  clear: async (tx) => { await tx.vmView.deleteMany(); },
};

const operationTable: ViewTable<ViewRows['operation']> = {
  find: async (tx, id) => (await tx.operationView.findUnique({ where: { id } })) as unknown as ViewRows['operation'] | null,
  save: async (tx, row) => {
    const data = {
      ...row,
      request: json(row.request),
      progress: json(row.progress),
      phases: json(row.phases),
      segments: json(row.segments),
      error: json(row.error),
      relocation: json(row.relocation),
    } as Prisma.OperationViewCreateInput;
    await tx.operationView.upsert({ where: { id: row.id }, create: data, update: data });
  },
  remove: async (tx, id) => { await tx.operationView.deleteMany({ where: { id } }); },
  clear: async (tx) => { await tx.operationView.deleteMany(); },
};

export const viewTables: { [V in ViewName]: ViewTable<ViewRows[V]> } = {
  host: hostTable,
  datastore: datastoreTable,
  vm: vmTable,
  operation: operationTable,
};
