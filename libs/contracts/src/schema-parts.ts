/** The pieces every schema of the protocol is built from: the domain's, where the event log's are written. */
export { count, id, positive } from '@fsr/domain';
export { diskContentHashSchema, guestWorkloadSchema, segmentPlanSchema, segmentResultSchema } from '@fsr/domain';
