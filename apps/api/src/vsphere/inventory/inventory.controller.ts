import { Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { reply } from '../dialects/dialect';
import { both, VsphereController } from '../dialects/vsphere-controller';
import { notFound } from '../errors/vsphere-error';
import { FIXED } from './fixed-inventory';
import { InventoryLists } from './inventory-lists';
import { InventoryObjects } from './inventory-objects';


@VsphereController()
export class InventoryController {
  constructor(
    private readonly lists: InventoryLists,
    private readonly objects: InventoryObjects,
  ) {}

  @Get(both('vcenter/datacenter'))
  datacenters(@Req() request: Request, @Res() response: Response) {
    reply(request, response, this.lists.datacenters(request.query));
  }

  @Get(both('vcenter/datacenter/:datacenter'))
  datacenter(@Req() request: Request, @Res() response: Response, @Param('datacenter') id: string) {
    if (id !== FIXED.datacenter.id) throw notFound('Datacenter', id);
    reply(request, response, this.objects.datacenter());
  }

  @Get(both('vcenter/cluster'))
  clusters(@Req() request: Request, @Res() response: Response) {
    reply(request, response, this.lists.clusters(request.query));
  }

  @Get(both('vcenter/cluster/:cluster'))
  cluster(@Req() request: Request, @Res() response: Response, @Param('cluster') id: string) {
    if (id !== FIXED.cluster.id) throw notFound('Cluster', id);
    reply(request, response, { name: FIXED.cluster.name, resource_pool: FIXED.resourcePool.id });
  }

  @Get(both('vcenter/folder'))
  folders(@Req() request: Request, @Res() response: Response) {
    reply(request, response, this.lists.folders(request.query));
  }

  @Get(both('vcenter/resource-pool'))
  async resourcePools(@Req() request: Request, @Res() response: Response) {
    reply(request, response, await this.lists.resourcePools(request.query));
  }

  @Get(both('vcenter/resource-pool/:pool'))
  resourcePool(@Req() request: Request, @Res() response: Response, @Param('pool') id: string) {
    if (id !== FIXED.resourcePool.id) throw notFound('Resource pool', id);
    reply(request, response, { name: FIXED.resourcePool.name, resource_pools: [] });
  }

  @Get(both('vcenter/host'))
  async hosts(@Req() request: Request, @Res() response: Response) {
    reply(request, response, await this.lists.hosts(request.query));
  }

  @Get(both('vcenter/datastore'))
  async datastores(@Req() request: Request, @Res() response: Response) {
    reply(request, response, await this.lists.datastores(request.query));
  }

  @Get(both('vcenter/datastore/:datastore'))
  async datastore(@Req() request: Request, @Res() response: Response, @Param('datastore') id: string) {
    reply(request, response, await this.objects.datastore(id));
  }

  @Get(both('vcenter/network'))
  networks(@Req() request: Request, @Res() response: Response) {
    reply(request, response, this.lists.networks(request.query));
  }

  /** libcloud reads it first, to learn the appliance's address. */
  @Get('rest/appliance/networking/interfaces')
  interfaces(@Req() request: Request, @Res() response: Response) {
    reply(request, response, this.objects.applianceInterfaces(request));
  }
}
