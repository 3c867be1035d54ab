import { BadRequestException, HttpException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ConcurrencyError, EventStoreUnavailableError } from '@fsr/application';
import { DomainError, ErrorKind } from '@fsr/domain';
import { mapError } from './error-mapping';

class SampleError extends DomainError {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
  ) {
    super(`sample ${code}`, { vmId: 'vm-1' });
  }
}

describe('mapError', () => {
  it.each<[ErrorKind, number]>([
    ['invalid', 400],
    ['not-found', 404],
    ['conflict', 409],
    ['unavailable', 503],
  ])('maps a DomainError of kind %s to %i with its code and details', (kind, status) => {
    expect(mapError(new SampleError('VM_SAMPLE', kind))).toEqual({
      status,
      body: { statusCode: status, code: 'VM_SAMPLE', message: 'sample VM_SAMPLE', details: { vmId: 'vm-1' } },
      serverFault: false,
    });
  });

  it('maps a ConcurrencyError to 409 WRONG_EXPECTED_VERSION', () => {
    const { status, body } = mapError(new ConcurrencyError('vm-1', 3, 4));
    expect(status).toBe(409);
    expect(body).toMatchObject({ code: 'WRONG_EXPECTED_VERSION', details: { streamId: 'vm-1', expectedVersion: 3, actualVersion: 4 } });
  });

  it('maps an error coded HOST_AGENT_UNAVAILABLE to 503 even without a kind', () => {
    const error = Object.assign(new Error('no agent'), { code: 'HOST_AGENT_UNAVAILABLE' });
    expect(mapError(error)).toMatchObject({ status: 503, body: { code: 'HOST_AGENT_UNAVAILABLE' }, serverFault: false });
  });

  it('names HttpExceptions by status', () => {
    expect(mapError(new NotFoundException('Cannot GET /nope')).body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Cannot GET /nope' });
    expect(mapError(new PayloadTooLargeException()).body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(mapError(new HttpException('slow down', 429)).body.code).toBe('TOO_MANY_REQUESTS');
  });

  it('recognises a JSON syntax error from the body parser', () => {
    const cause = Object.assign(new SyntaxError('Unexpected token'), { type: 'entity.parse.failed', status: 400 });
    expect(mapError(new BadRequestException(cause.message, { cause })).body).toEqual({
      statusCode: 400,
      code: 'MALFORMED_JSON',
      message: 'The request body is not valid JSON',
    });
  });

  it('keeps the body of an HttpException already in the error shape', () => {
    const body = { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Invalid request: name', details: [{ field: 'name', problems: ['x'] }] };
    expect(mapError(new HttpException(body, 400)).body).toEqual(body);
  });

  it.each([
    Object.assign(new Error("Can't reach database server"), { name: 'PrismaClientInitializationError' }),
    Object.assign(new Error('x'), { code: 'P1001' }),
    Object.assign(new Error('adapter'), { name: 'DriverAdapterError', cause: { kind: 'DatabaseNotReachable' } }),
    Object.assign(new Error('terminating connection'), { code: '57P01' }),
    Object.assign(new Error('Raw query failed'), { code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } } }),
    new Error('Client has encountered a connection error and is not queryable'),
    new EventStoreUnavailableError(new Error('connect ECONNREFUSED')),
  ])('maps an unreachable database to 503 DATABASE_UNAVAILABLE (%#)', (error) => {
    expect(mapError(error)).toMatchObject({ status: 503, body: { code: 'DATABASE_UNAVAILABLE' } });
  });

  it('hides anything else behind 500 INTERNAL_ERROR', () => {
    const mapped = mapError(new TypeError('secret internals at /srv/app.js'));
    expect(mapped).toMatchObject({ status: 500, serverFault: true, body: { code: 'INTERNAL_ERROR' } });
    expect(mapped.body.message).not.toMatch(/secret/);
    expect(mapError('a string').status).toBe(500);
  });
});
