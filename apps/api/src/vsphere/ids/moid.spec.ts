import { formatMoid, parseMoid } from './moid';

describe('vCenter-like identifiers', () => {
  it('formats each kind with vCenter’s prefix', () => {
    expect([formatMoid('vm', 1042), formatMoid('host', 1001), formatMoid('datastore', 31)]).toEqual(['vm-1042', 'host-1001', 'datastore-31']);
  });

  it('reads back only an identifier of the kind asked for', () => {
    expect(parseMoid('vm', 'vm-1042')).toBe(1042);
    expect(parseMoid('vm', 'host-1042')).toBeUndefined();
    expect(parseMoid('datastore', 'datastore-7')).toBe(7);
  });

  it.each(['vm-', 'vm-0', 'vm-01', 'vm-1x', 'VM-1', 'vm-99999999999', ' vm-1', 'vm-1/../2', ''])('refuses %p', (text) => {
    expect(parseMoid('vm', text)).toBeUndefined();
  });
});
