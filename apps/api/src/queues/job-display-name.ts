interface JobProps {
  readonly name?: string;
  readonly data?: { vmId?: string; operationId?: string; epoch?: number; segment?: { index: number } };
}

/** Job names as the dashboard lists them: the VM and the operation first, so a person finds a VM's segments. */
export function jobDisplayName(job: JobProps): string {
  const { vmId, operationId, epoch, segment } = job.data ?? {};
  const parts = [
    vmId ? `vm ${vmId}` : undefined,
    segment ? `segment ${segment.index}` : job.name,
    operationId ? `operation ${operationId}${epoch !== undefined ? ` epoch ${epoch}` : ''}` : undefined,
  ];
  return parts.filter(Boolean).join(' · ') || (job.name ?? '');
}
