/** What a dry run's predicted stun rests on, as a person reads it. */
export interface PredictionGrounds {
  readonly predictionBasis?: 'learned' | 'measured' | 'published-default' | null;
  readonly predictionSamples?: number;
}

export function predictionGrounds({ predictionBasis, predictionSamples = 0 }: PredictionGrounds): string {
  switch (predictionBasis) {
    case 'learned':
      return ` (learned from ${predictionSamples} switch-over${predictionSamples === 1 ? '' : 's'} of this host alike)`;
    case 'measured':
      return ' (from the copy rate the host measured at start-up)';
    case 'published-default':
      return " (from VMware's published rate: the host measured none)";
    default:
      return '';
  }
}
