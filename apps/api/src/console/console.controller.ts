import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { join } from 'node:path';
import { Public } from '../http/auth/roles.decorator';
import { findConsoleDirectory, loadVendorModules } from './console-files';

const ASSET_NAME = /^[a-z0-9-]+\.(js|css|svg)$/;
const JAVASCRIPT = 'text/javascript; charset=utf-8';

/**
 * The operations console: one HTML page (a viewer key at least, else the login form), its ES modules
 * and styles, and Preact + htm from node_modules. The scripts hold no data, so they need no key.
 */
@ApiExcludeController()
@Controller('console')
export class ConsoleController {
  private readonly directory = findConsoleDirectory();
  private readonly vendor = loadVendorModules();

  @Get()
  page(@Res() response: Response): void {
    response.sendFile(join(this.directory, 'index.html'), { headers: { 'Cache-Control': 'no-cache' } });
  }

  @Public()
  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() response: Response): void {
    if (!ASSET_NAME.test(name)) throw new NotFoundException(`No console asset ${name}`);
    response.sendFile(name, { root: join(this.directory, 'assets'), headers: { 'Cache-Control': 'no-cache' } }, (error) => {
      if (error && !response.headersSent) response.status(404).json({ statusCode: 404, code: 'NOT_FOUND', message: `No console asset ${name}` });
    });
  }

  @Public()
  @Get('vendor/:name')
  @Header('Content-Type', JAVASCRIPT)
  @Header('Cache-Control', 'public, max-age=3600')
  vendorModule(@Param('name') name: string): string {
    const source = this.vendor.get(name);
    if (source === undefined) throw new NotFoundException(`No vendor module ${name}`);
    return source;
  }
}
