import { VsphereError } from '../errors/vsphere-error';
import { matches, parseFilters } from './list-filters';

const spec = { names: undefined, folders: undefined, power_states: ['POWERED_ON', 'POWERED_OFF', 'SUSPENDED'] };

describe('parseFilters', () => {
  it('takes repeated keys as lists and a single key as a one-item list', () => {
    expect(parseFilters({ names: ['a', 'b'], folders: 'group-v4' }, spec)).toEqual({ names: ['a', 'b'], folders: ['group-v4'] });
  });

  it('reads the legacy filter.names and filter.names.1, .2 forms', () => {
    expect(parseFilters({ 'filter.names.1': 'a', 'filter.names.2': 'b', 'filter.power_states': 'POWERED_ON' }, spec)).toEqual({
      names: ['a', 'b'],
      power_states: ['POWERED_ON'],
    });
  });

  it('ignores empty values and the task flag', () => {
    expect(parseFilters({ names: '', 'vmw-task': 'true' }, spec)).toEqual({});
  });

  it('refuses an unknown filter and a value outside the enumeration with INVALID_ARGUMENT', () => {
    const unknown = () => parseFilters({ colour: 'red' }, spec);
    expect(unknown).toThrow(VsphereError);
    expect(unknown).toThrow(/Unknown filter colour/);
    expect(() => parseFilters({ power_states: 'ON' }, spec)).toThrow(/power_states must be one of POWERED_ON/);
    try {
      parseFilters({ power_states: 'ON' }, spec);
    } catch (error) {
      expect((error as VsphereError).type).toBe('INVALID_ARGUMENT');
      expect((error as VsphereError).status).toBe(400);
    }
  });
});

describe('matches', () => {
  const vm = { names: 'web', folders: 'group-v4', power_states: 'POWERED_ON', hosts: ['host-1001'] };

  it('needs every given filter to list one of the object’s values', () => {
    expect(matches(vm, {})).toBe(true);
    expect(matches(vm, { names: ['db', 'web'], hosts: ['host-1001'] })).toBe(true);
    expect(matches(vm, { names: ['web'], power_states: ['POWERED_OFF'] })).toBe(false);
  });

  it('does not match a filter on a facet the object lacks', () => {
    expect(matches(vm, { parent_folders: ['group-d1'] })).toBe(false);
  });
});
