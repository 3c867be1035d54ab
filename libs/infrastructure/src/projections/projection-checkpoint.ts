import { Prisma } from '../prisma/generated/client';

export const READ_MODELS_CHECKPOINT = 'read-models';

/** Reads and locks the checkpoint row for the rest of the transaction (creating it at 0). */
export async function lockCheckpoint(tx: Prisma.TransactionClient, name: string): Promise<bigint> {
  await tx.$executeRaw`INSERT INTO projection_checkpoints (name, position) VALUES (${name}, 0) ON CONFLICT (name) DO NOTHING`;
  const rows = await tx.$queryRaw<{ position: bigint }[]>`SELECT position FROM projection_checkpoints WHERE name = ${name} FOR UPDATE`;
  return BigInt(rows[0].position);
}

export async function storeCheckpoint(tx: Prisma.TransactionClient, name: string, position: bigint): Promise<void> {
  await tx.projectionCheckpoint.update({ where: { name }, data: { position } });
}

/** A rebuild rewrites the views under positions already seen: counting it tells readers that what they kept is gone. */
export async function countRebuild(tx: Prisma.TransactionClient, name: string): Promise<void> {
  await tx.projectionCheckpoint.update({ where: { name }, data: { rebuilds: { increment: 1 } } });
}
