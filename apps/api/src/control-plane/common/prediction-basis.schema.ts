/** How the dry runs describe what their stun prediction is based on (OpenAPI). */
export const PREDICTION_BASIS = {
  enum: ['learned', 'measured', 'published-default'],
  nullable: true,
  description:
    "What the prediction is based on: `learned` from this host's own recent switch-overs of a similar size and segment count (in this mode); " +
    "`measured` from the copy rate its agent measured at start-up, when it has run none alike; `published-default` from VMware's published rate, " +
    'when its agent measured none; null when there is no switch-over',
};
export const PREDICTION_SAMPLES = { description: 'How many of the host\'s switch-overs a learned prediction weighs; 0 otherwise', example: 12 };
