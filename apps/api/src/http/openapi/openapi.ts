import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ApiErrorResponse } from '../errors/api-error';

export const BEARER_SCHEME = 'api-key';
const PUBLIC_PATHS = new Set(['/api/v1/health']);
const COMMAND_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const ERROR_REF = { $ref: '#/components/schemas/ApiErrorResponse' };

const TAGS: [string, string][] = [
  ['hosts', 'Host agents, their capacity and maintenance mode'],
  ['datastores', 'Datastores (directories under DATA_DIR)'],
  ['vms', 'Virtual machines and their commands'],
  ['operations', 'Hot Add and Storage vMotion tasks'],
  ['history', 'Audit trail from the event store'],
  ['events', 'The global event log, also as Server-Sent Events'],
  ['health', 'Liveness and dependency checks'],
];

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ERROR_REF } } });

/** Every guarded operation may answer 401/403, and every command 429: documented once here rather than per route. */
function addPlatformResponses(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, { responses?: Record<string, unknown>; security?: unknown[] }][]) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const responses = (operation.responses ??= {});
      if (PUBLIC_PATHS.has(path)) {
        operation.security = [];
        continue;
      }
      responses['401'] ??= errorResponse('Missing or unknown API key (UNAUTHORIZED)');
      responses['403'] ??= errorResponse("The key's role may not do this (FORBIDDEN)");
      if (COMMAND_METHODS.has(method)) addCommandResponses(operation as CommandOperation);
    }
  }
}

type CommandOperation = { responses: Record<string, unknown>; parameters?: unknown[] };

/** What any command may answer whatever its route: header and body checks, idempotency, throttling. */
function addCommandResponses(operation: CommandOperation): void {
  const { responses } = operation;
  responses['400'] ??= errorResponse('Invalid body or headers (VALIDATION_FAILED, MALFORMED_JSON)');
  responses['409'] ??= errorResponse('The first request with this Idempotency-Key is still running (IDEMPOTENCY_KEY_IN_USE)');
  responses['413'] ??= errorResponse('Body over BODY_LIMIT (PAYLOAD_TOO_LARGE)');
  responses['415'] ??= errorResponse('A body in an unsupported charset or encoding (UNSUPPORTED_MEDIA_TYPE)');
  responses['422'] ??= errorResponse('Idempotency-Key already used for another request (IDEMPOTENCY_KEY_REUSED)');
  responses['429'] ??= errorResponse('Too many commands (TOO_MANY_REQUESTS)');
  (operation.parameters ??= []).push({
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: 'A retry with the same key (and API key) gets the first successful answer again instead of running twice',
    schema: { type: 'string', maxLength: 200 },
  });
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('FSR control plane')
    .setDescription(
      'Event-sourced control plane for Fast Suspend and Resume switch-overs (Hot Add, Storage vMotion). ' +
        'Errors are `{ statusCode, code, message, details? }`. Authenticate with `Authorization: Bearer <API key>`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key from API_KEYS or DATA_DIR/admin-api-key' }, BEARER_SCHEME)
    .addSecurityRequirements(BEARER_SCHEME);
  TAGS.forEach(([name, description]) => builder.addTag(name, description));
  const document = SwaggerModule.createDocument(app, builder.build(), { extraModels: [ApiErrorResponse] });
  addPlatformResponses(document);
  return document;
}

/** Swagger UI at /docs, the document at /docs-json. Call after the routes are known and after guarding /docs. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    useGlobalPrefix: false,
    swaggerOptions: { persistAuthorization: true },
  });
}
