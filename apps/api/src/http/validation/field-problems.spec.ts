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
      { field: 'disks.0.sizeMiB', problems: ['too small', 'not int'] },
    ]);
  });
});
