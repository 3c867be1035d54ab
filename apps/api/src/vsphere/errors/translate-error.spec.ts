import { BadRequestException, ForbiddenException, HttpException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { DomainError, ErrorKind } from '@fsr/domain';
import { translateCode, translateError } from './translate-error';
import { VsphereError } from './vsphere-error';
import { vsphereErrorBody } from './write-vsphere-error';

class Refused extends DomainError {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
  ) {
    super(`refused: ${code}`, { vmId: 'vm-1', requested: 2 });
  }
}

describe('translateError', () => {
  it.each<[string, ErrorKind, string, number]>([
    ['VM_NOT_FOUND', 'not-found', 'NOT_FOUND', 404],
    ['VM_INVALID_POWER_STATE', 'conflict', 'NOT_ALLOWED_IN_CURRENT_STATE', 400],
    ['VCPU_REMOVAL_NOT_SUPPORTED', 'conflict', 'NOT_ALLOWED_IN_CURRENT_STATE', 400],
    ['HOT_ADD_DISABLED', 'conflict', 'NOT_ALLOWED_IN_CURRENT_STATE', 400],
    ['VM_BUSY', 'conflict', 'RESOURCE_BUSY', 400],
    ['HOST_CAPACITY_EXCEEDED', 'conflict', 'UNABLE_TO_ALLOCATE_RESOURCE', 400],
    ['DATASTORE_CAPACITY_EXCEEDED', 'conflict', 'UNABLE_TO_ALLOCATE_RESOURCE', 400],
    ['MEMORY_NOT_MULTIPLE_OF_INCREMENT', 'invalid', 'INVALID_ARGUMENT', 400],
    ['INVALID_HARDWARE', 'invalid', 'INVALID_ARGUMENT', 400],
    ['DATASTORE_ALREADY_EXISTS', 'conflict', 'ALREADY_EXISTS', 400],
    ['VM_NAME_TAKEN', 'conflict', 'ALREADY_EXISTS', 400],
    ['SOMETHING_NEW', 'conflict', 'NOT_ALLOWED_IN_CURRENT_STATE', 400],
  ])('maps our %s (%s) to %s, %i, keeping our message and details as args', (code, kind, type, status) => {
    expect(translateError(new Refused(code, kind))).toEqual({
      status,
      type,
      id: `fsr.${code.toLowerCase()}`,
      message: `refused: ${code}`,
      args: ['vm-1', '2'],
      serverFault: false,
    });
  });

  it('maps the HTTP layer’s refusals: no session, no role, no route, bad JSON', () => {
    expect(translateError(new UnauthorizedException('no')).type).toBe('UNAUTHENTICATED');
    expect(translateError(new ForbiddenException('no')).type).toBe('UNAUTHORIZED');
    expect(translateError(new NotFoundException('Cannot GET /api/vcenter/nope'))).toMatchObject({ type: 'NOT_FOUND', status: 404 });
    const cause = Object.assign(new SyntaxError('Unexpected token'), { type: 'entity.parse.failed' });
    expect(translateError(new BadRequestException('bad', { cause }))).toMatchObject({ type: 'INVALID_ARGUMENT', status: 400 });
    expect(translateError(new HttpException('slow down', 429)).type).toBe('RESOURCE_BUSY');
  });

  it('keeps a VsphereError as it is and hides anything unexpected behind INTERNAL_SERVER_ERROR', () => {
    expect(translateError(new VsphereError('ALREADY_IN_DESIRED_STATE', 'already on', 'x.y', ['vm-1']))).toMatchObject({ status: 400, type: 'ALREADY_IN_DESIRED_STATE', id: 'x.y', args: ['vm-1'] });
    const hidden = translateError(new TypeError('secret at /srv/app.js'));
    expect(hidden).toMatchObject({ status: 500, type: 'INTERNAL_SERVER_ERROR', serverFault: true });
    expect(hidden.message).not.toMatch(/secret/);
  });

  it('maps an ended operation’s code', () => {
    expect(translateCode('HOST_DISCONNECTED', 'lost')).toMatchObject({ type: 'NOT_ALLOWED_IN_CURRENT_STATE' });
    expect(translateCode('CHECKSUM_MISMATCH', 'bad copy')).toMatchObject({ type: 'ERROR', status: 500 });
  });
});

describe('vsphereErrorBody', () => {
  const error = translateError(new Refused('VM_BUSY', 'conflict'));

  it('is {error_type, messages} in /api', () => {
    expect(vsphereErrorBody('api', error)).toEqual({
      error_type: 'RESOURCE_BUSY',
      messages: [{ id: 'fsr.vm_busy', default_message: 'refused: VM_BUSY', args: ['vm-1', '2'] }],
    });
  });

  it('is {type: com.vmware.vapi.std.errors.<type>, value} in /rest', () => {
    expect(vsphereErrorBody('rest', error)).toEqual({
      type: 'com.vmware.vapi.std.errors.resource_busy',
      value: { error_type: 'RESOURCE_BUSY', messages: [{ id: 'fsr.vm_busy', default_message: 'refused: VM_BUSY', args: ['vm-1', '2'] }] },
    });
  });
});
