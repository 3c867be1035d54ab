import { fieldProblems } from './field-problems';

describe('fieldProblems', () => {
  it('lists every invalid field by its dotted path', () => {
    expect(
      fieldProblems([
        { property: 'name', constraints: { isString: 'name must be a string' }, children: [] },
        {
          property: 'disks',
          children: [{ property: '0', children: [{ property: 'sizeMiB', constraints: { min: 'too small', isInt: 'not int' } }] }],
        },
      ]),
    ).toEqual([
      { field: 'name', problems: ['name must be a string'] },
      { field: 'disks.0.sizeMiB', problems: ['not int'] },
    ]);
  });

  it('tells a value of the wrong kind by that alone, and every range rule of a value of the right kind', () => {
    const vcpus = (constraints: Record<string, string>) => fieldProblems([{ property: 'vcpus', constraints, children: [] }])[0].problems;
    expect(vcpus({ max: 'vcpus must not be greater than 768', min: 'vcpus must not be less than 1', isInt: 'vcpus must be an integer number' })).toEqual(['vcpus must be an integer number']);
    expect(vcpus({ max: 'vcpus must not be greater than 768', arrayMinSize: 'other' })).toEqual(['vcpus must not be greater than 768', 'other']);
  });
});
