import { serialize, VMap } from './dialect';

describe('serialize', () => {
  const info = { name: 'web', disks: new VMap([['2000', { capacity: 1 }], ['2001', { capacity: 2 }]]), cdroms: new VMap([]) };

  it('writes a map as an object in /api', () => {
    expect(JSON.parse(serialize('api', info))).toEqual({ name: 'web', disks: { 2000: { capacity: 1 }, 2001: { capacity: 2 } }, cdroms: {} });
  });

  it('writes a map as a key/value list in /rest', () => {
    expect(JSON.parse(serialize('rest', { value: info }))).toEqual({
      value: { name: 'web', disks: [{ key: '2000', value: { capacity: 1 } }, { key: '2001', value: { capacity: 2 } }], cdroms: [] },
    });
  });
});
