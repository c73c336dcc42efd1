import { randomUUID } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { installAuthorization, isApiRoute } from './platform/authz/authz.plugin';
import { configureAuditChains } from './platform/audit/audit';
import type { AppDeps } from './platform/http/context';
import { errorBody, installErrorHandler, sendFrameworkError } from './platform/http/error-handler';
import { installCsrfProtection } from './platform/http/csrf';
import { installSecurityHeaders } from './platform/http/security-headers';
import { responseSerializerCompiler } from './platform/http/serializer';
import { AppError, localeOfHeaders } from './platform/http/errors';
import { redactForLog } from './platform/http/log-redaction';
import { installNulCheck } from './platform/http/validation';
import { installSessionResolution, registerIdentity } from './modules/identity';
import { registerOrg } from './modules/org';
import { registerCatalog } from './modules/catalog';
import { registerCalendar } from './modules/calendar';
import { registerProcesses } from './modules/processes';
import { registerCases, setCaseHooks } from './modules/cases';
import { certificateHookFor, findReusable, registerCertificates } from './modules/certificates';
import { onRegistrationDecided, registerRegistration, registrationCertificateHook, registrationFormHoldsLocks, validateRegistrationForm } from './modules/registration';
import { registerEvaluations } from './modules/evaluations';
import { registerHall } from './modules/hall';
import { registerAuditRoutes } from './modules/audit';
import { registerSystemRoutes } from './modules/system';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

export interface BuildOptions {
  /** Pino logger settings; false for silence (tests). */
  logger?: boolean | { level: string };
  /** Serve the built web app from web/dist (default: when it exists). */
  serveWeb?: boolean;
  /** Where the built web app is (tests serve a folder of their own); web/dist by default. */
  webRoot?: string;
}

/**
 * Builds the server: platform plugins first (errors, locale, sessions, authorization, docs), then each module,
 * registered explicitly.
 */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const loggerOption = options.logger ?? { level: deps.config.logLevel };
  const app = Fastify({
    logger:
      loggerOption === false
        ? false
        : {
            level: loggerOption === true ? 'info' : loggerOption.level,
            redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], censor: '[redacted]' },
            serializers: {
              req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: redactForLog(req.url), ip: req.ip }),
            },
          },
    genReqId: () => randomUUID(),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    // Addresses the router cannot take apart (bad percent-encoding, an over-long parameter) get the error shape too.
    frameworkErrors: sendFrameworkError,
    ajv: undefined,
  });
  app.decorate('deps', deps);
  configureAuditChains(deps.config.auditChains);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);

  app.decorateRequest('locale', 'zh');
  app.addHook('onRequest', (request, reply, done) => {
    request.locale = localeOfHeaders(request.headers);
    reply.header('x-request-id', request.id);
    done();
  });
  installErrorHandler(app);

  await app.register(cookie);
  // Off by default; a public route that could be enumerated or hammered names its own limit in config.rateLimit.
  await app.register(rateLimit, { global: false, errorResponseBuilder: () => new AppError('RATE_LIMITED') });
  installSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'self'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OneWindow 一窗通 API',
        description:
          '威县行政审批局与市民服务中心一体化政务服务平台接口。错误统一为 {"error":{"code","message","fields"?}}；' +
          '消息默认中文，请求头 Accept-Language: en 时为英文。\n\n' +
          'API of the OneWindow approval and citizen service platform. Errors are always {"error":{"code","message","fields"?}}, ' +
          'in Chinese by default and in English with Accept-Language: en. Sign in with POST /api/auth/login; the session ' +
          'is an httpOnly cookie.',
        version: '0.1.0',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ow_sid' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: { public: true } } }, async () => app.swagger());

  installCsrfProtection(app);
  installNulCheck(app);
  installSessionResolution(app);
  installAuthorization(app);

  await registerSystemRoutes(app);
  await registerIdentity(app);
  await registerOrg(app);
  await registerCatalog(app);
  await registerCalendar(app);
  await registerProcesses(app);
  await registerCases(app);
  await registerCertificates(app);
  // What happens elsewhere when a case reaches a point of its life: 统一发证 issues the e-certificate.
  await registerRegistration(app);
  // The business registration (一照一码) takes its own item: checks its form at intake, assigns the credit code on
  // 准予 and issues the licence under it; every other item gets the general certificate.
  setCaseHooks({
    certificate: registrationCertificateHook(deps, certificateHookFor(deps)),
    reusableCertificate: findReusable,
    decided: onRegistrationDecided,
    validateForm: validateRegistrationForm,
    formHoldsLocks: registrationFormHoldsLocks,
  });
  await registerEvaluations(app);
  await registerHall(app);
  await registerAuditRoutes(app);

  const webRoot = options.webRoot ?? WEB_DIST;
  const serveWeb = options.serveWeb ?? fs.existsSync(path.join(webRoot, 'index.html'));
  // The page of the web app, for every address the app routes itself; never cached, so a new build shows at once.
  const sendIndex = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html', webRoot, { cacheControl: false });
  if (serveWeb) {
    // wildcard: files built after start are served too; preCompressed: the .br/.gz files Vite writes are used.
    await app.register(fastifyStatic, { root: webRoot, wildcard: true, index: false, preCompressed: true, maxAge: '1h', immutable: false });
    // "/" is the static root folder, which the plugin refuses (index: false) before any fallback: a client that
    // asks without compression (curl, a monitoring probe) got 403 where a browser got the pre-compressed page.
    app.get('/', { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    if (isApiRoute(pathname)) return reply.code(404).send(errorBody('ROUTE_NOT_FOUND', request.locale));
    if (serveWeb && (request.method === 'GET' || request.method === 'HEAD') && !path.extname(pathname)) {
      // History fallback: the web app routes /, /staff/…, /verify/… itself.
      return sendIndex(reply);
    }
    return reply.code(404).send(errorBody('NOT_FOUND', request.locale));
  });
  return app;
}
