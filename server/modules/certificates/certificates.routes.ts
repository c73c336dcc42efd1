import type { FastifyInstance } from 'fastify';
import { contentDisposition } from '../../platform/http/content-disposition';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readContext, writeInTransaction } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { pageOf } from '../../platform/http/schemas';
import { receiveUpload } from '../../platform/http/upload';
import { sealSvg } from '../../platform/seal/index';
import { findRegion } from '../org';
import { findAccountSubject } from './certificates.lookups';
import {
  CertificateListQuery,
  CertificateView,
  CertificateWithHistory,
  NumberParams,
  PdfQuery,
  PublicCertificateView,
  PublicVersionQuery,
  ReissueBody,
  RevokeBody,
  VerifyResult,
} from './certificates.schemas';
import * as service from './certificates.service';

/** Largest PDF anyone may upload for verification. */
const VERIFY_MAX_BYTES = 15 * 1024 * 1024;


export async function certificateRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['电子证照 Certificates'];
  // Public lookups are limited per client address so that the registry cannot be enumerated.
  const publicLimit = { max: 30, timeWindow: '1 minute' };

  app.get('/api/public/certificates/:number', {
    schema: {
      tags,
      summary: '证照核验 Verify a certificate by its number',
      description: 'What the QR code on a certificate opens: status, holder (a person masked), issue date and the PDF\'s SHA-256. Rate-limited.',
      params: NumberParams,
      querystring: PublicVersionQuery,
      response: { 200: PublicCertificateView },
    },
    config: { access: { public: true }, rateLimit: publicLimit },
    handler: async (request) => service.getPublic(readContext(request), request.params.number, request.query.v),
  });

  app.post('/api/public/certificates/verify', {
    schema: {
      tags,
      summary: '上传证照文件核验 Check whether a PDF is an authentic, unaltered certificate',
      description: 'multipart/form-data with one part `file`. Authentic means: byte for byte a version this registry issued.',
      consumes: ['multipart/form-data'],
      response: { 200: VerifyResult },
    },
    config: { access: { public: true }, rateLimit: { max: 10, timeWindow: '1 minute' } },
    handler: async (request) => {
      const { bytes } = await receiveUpload(request, { maxBytes: VERIFY_MAX_BYTES, fileNameMax: 200, fallbackName: 'certificate.pdf' });
      return service.verifyPdf(readContext(request), bytes);
    },
  });

  app.get('/api/public/seal.svg', {
    schema: { tags, summary: '审批专用章图样 The approval seal as SVG', response: { 200: z.string() } },
    config: { access: { public: true } },
    handler: async (request, reply) => {
      const ctx = readContext(request);
      const region = await findRegion(ctx.tx, ctx.regionCode);
      const svg = await sealSvg({ organName: `${region?.name ?? ''}行政审批局` });
      return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(svg);
    },
  });

  app.get('/api/certificates', {
    schema: { tags, summary: '证照库查询 The certificate registry', querystring: CertificateListQuery, response: { 200: pageOf(CertificateView) } },
    config: { access: { permission: 'certificates.read' } },
    handler: async (request) => service.listCertificates(readContext(request), request.query),
  });

  app.get('/api/certificates/:number', {
    schema: { tags, summary: '证照详情及历史版本 A certificate and its versions', params: NumberParams, response: { 200: CertificateWithHistory } },
    config: { access: { authenticated: true } },
    handler: async (request) => service.getCertificate(readContext(request), request.params.number),
  });

  app.get('/api/certificates/:number/pdf', {
    schema: { tags, summary: '签章证照文件 The signed certificate PDF', params: NumberParams, querystring: PdfQuery, response: { 200: z.any() } },
    config: { access: { authenticated: true } },
    handler: async (request, reply) => {
      const pdf = await service.getPdf(readContext(request), request.server.deps.files, request.params.number, request.query.version);
      return reply.type('application/pdf').header('content-disposition', contentDisposition(pdf.fileName, true)).header('cache-control', 'private, no-store').send(pdf.bytes);
    },
  });

  app.post('/api/certificates/:number/revoke', {
    schema: { tags, summary: '注销证照 Revoke a certificate', params: NumberParams, body: RevokeBody, response: { 200: CertificateView } },
    config: { access: { permission: 'certificates.manage' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.revoke(ctx, request.params.number, request.body)),
  });

  app.post('/api/certificates/:number/reissue', {
    schema: {
      tags,
      summary: '变更换发证照 Issue a changed version',
      description: 'A new version under the same number, signed again; the previous version turns "changed".',
      params: NumberParams,
      body: ReissueBody,
      response: { 200: CertificateView },
    },
    config: { access: { permission: 'certificates.manage' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.reissue(ctx, request.server.deps, request.params.number, request.body)),
  });

  app.get('/api/my/certificates', {
    schema: { tags, summary: '我的证照 My certificates', response: { 200: z.array(CertificateView) } },
    config: { access: { permission: 'applications.own' } },
    handler: async (request) => {
      const ctx = readContext(request);
      if (ctx.actor.kind !== 'account') throw new AppError('UNAUTHENTICATED');
      const subject = await findAccountSubject(ctx.tx, ctx.actor.id);
      return subject?.idNumber ? service.listMine(ctx, subject.idNumber) : [];
    },
  });
}
