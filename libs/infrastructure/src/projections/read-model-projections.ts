import { RecordedEvent } from '@fsr/domain';
import { datastoreViewProjection } from './datastore-view.projection';
import { hostViewProjection } from './host-view.projection';
import { operationViewProjection } from './operation-view.projection';
import { ViewProjection, ViewSession } from './view-projection';
import { vmViewProjection } from './vm-view.projection';

export const READ_MODEL_PROJECTIONS: readonly ViewProjection[] = [
  hostViewProjection,
  datastoreViewProjection,
  vmViewProjection,
  operationViewProjection,
];

/** Applies one event to every view that follows its type; unknown types are skipped. */
export async function applyToViews(event: RecordedEvent, views: ViewSession): Promise<void> {
  for (const projection of READ_MODEL_PROJECTIONS) {
    if (projection.eventTypes.has(event.type)) await projection.apply(event, views);
  }
}
