import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('writes the same text for objects whose keys come in another order, at any depth', () => {
    const a = { vcpus: 8, devices: [{ type: 'disk', sizeMiB: 64 }], dryRun: false };
    const b = { dryRun: false, devices: [{ sizeMiB: 64, type: 'disk' }], vcpus: 8 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('keeps array order and values apart', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson({ vcpus: 8 })).not.toBe(canonicalJson({ vcpus: 9 }));
    expect(canonicalJson(null)).toBe('null');
  });
});
