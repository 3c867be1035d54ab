import { predictionGrounds } from './prediction-basis';

describe('predictionGrounds', () => {
  it('says how many switch-overs a learned prediction comes from', () => {
    expect(predictionGrounds({ predictionBasis: 'learned', predictionSamples: 12 })).toBe(' (learned from 12 switch-overs of this host alike)');
    expect(predictionGrounds({ predictionBasis: 'learned', predictionSamples: 1 })).toBe(' (learned from 1 switch-over of this host alike)');
  });

  it('names the start-up rate or the published one, and nothing when there is no switch-over', () => {
    expect(predictionGrounds({ predictionBasis: 'measured' })).toContain('measured at start-up');
    expect(predictionGrounds({ predictionBasis: 'published-default' })).toContain('published rate');
    expect(predictionGrounds({ predictionBasis: null })).toBe('');
  });
});
