import { HttpException } from '@nestjs/common';
import { mapError } from '../errors/error-mapping';
import { ParseIdPipe } from './parse-id.pipe';

describe('ParseIdPipe', () => {
  const pipe = new ParseIdPipe();

  it('passes UUIDs and slugs through', () => {
    expect(pipe.transform('host-1', { data: 'id' })).toBe('host-1');
    expect(pipe.transform('0b9c2c2e-1f0e-4c39-9d43-9ad0c5a4a7f1', { data: 'id' })).toBe('0b9c2c2e-1f0e-4c39-9d43-9ad0c5a4a7f1');
  });

  it.each(['', '../etc', 'a b', 'x'.repeat(129)])('rejects %p as VALIDATION_FAILED naming the parameter', (value) => {
    let thrown: unknown;
    try {
      pipe.transform(value, { data: 'vmId' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HttpException);
    expect(mapError(thrown).body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [{ field: 'vmId' }] });
  });
});
