/**
 * BPMN through the HTTP API: export a version, import it back as the next version, refuse bad documents with
 * every problem named, and the public guide's diagram.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app';

let t: TestApp;
const cookies: Record<string, string> = {};

async function as(role: string) {
  cookies[role] ??= await t.login(role);
  return cookies[role]!;
}

async function postXml(role: string | null, url: string, xml: string, contentType = 'application/xml') {
  const headers: Record<string, string> = { 'content-type': contentType, ...(role ? { cookie: await as(role) } : {}) };
  return t.app.inject({ method: 'POST', url, headers, payload: xml });
}

async function get(role: string | null, url: string) {
  return t.app.inject({ method: 'GET', url, headers: role ? { cookie: await as(role) } : {} });
}

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('BPMN export', () => {
  it('exports a version as XML to staff who may read the catalogue, as a .bpmn file', async () => {
    const res = await get('clerk', '/api/processes/item:WX-XK-099/versions/1/bpmn');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="item-WX-XK-099-v1.bpmn"');
    expect(res.body).toContain('<bpmn:process id="Process_item_WX-XK-099"');
    expect((await get(null, '/api/processes/item:WX-XK-099/versions/1/bpmn')).statusCode).toBe(401);
    expect((await get('applicant', '/api/processes/item:WX-XK-099/versions/1/bpmn')).statusCode).toBe(403);
    expect((await get('clerk', '/api/processes/item:WX-XK-099/versions/99/bpmn')).statusCode).toBe(404);
  });

  it('serves the current process of an active item to the public guide', async () => {
    const res = await get(null, '/api/public/items/WX-XK-001/process.bpmn');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    // WX-XK-001 runs the R10 enterprise investment flow: a parallel step and a special procedure.
    expect(res.body).toContain('id="Process_flow_enterprise-investment"');
    expect(res.body).toContain('<bpmn:parallelGateway id="Gateway_opinions_split"');
    expect(res.body).toContain('ow:special="expert_review"');
    expect((await get(null, '/api/public/items/WX-XK-999/process.bpmn')).statusCode).toBe(404);
    const bad = await get(null, '/api/public/items/nope/process.bpmn');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('params.code');
  });
});

describe('BPMN import', () => {
  it('saves an exported document back as version 2 with the same body, and audits it', async () => {
    const exported = await get('admin', '/api/processes/item:WX-XK-099/versions/1/bpmn');
    const before = (await get('admin', '/api/processes/item:WX-XK-099/versions/1')).json();
    const res = await postXml('admin', '/api/processes/item:WX-XK-099/bpmn?baseVersion=1&note=%E5%AF%BC%E5%85%A5', exported.body);
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json();
    expect(saved).toMatchObject({ key: 'item:WX-XK-099', version: 2, name: before.name, nameEn: before.nameEn, note: '导入', createdBy: 'admin' });
    expect(saved.body).toStrictEqual(before.body);
    const audit = (await get('admin', '/api/audit/events?action=process.version&subjectId=item:WX-XK-099')).json();
    expect(audit.items[0]).toMatchObject({ action: 'process.version', subjectType: 'process', actorName: expect.any(String) });
    // text/xml is accepted too; a stale base version is a conflict.
    const again = await postXml('admin', '/api/processes/item:WX-XK-099/bpmn?baseVersion=2', exported.body, 'text/xml; charset=utf-8');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ version: 3, note: 'BPMN 导入 Imported from BPMN' });
    const stale = await postXml('admin', '/api/processes/item:WX-XK-099/bpmn?baseVersion=2', exported.body);
    expect(stale.statusCode).toBe(409);
    const current = (await get('admin', `/api/catalog/items/${(await get(null, '/api/public/items/WX-XK-099')).json().id}/process`)).json();
    expect(current.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
  });

  it('is for catalogue managers only', async () => {
    const exported = await get('clerk', '/api/processes/flow:enterprise-investment/versions/1/bpmn');
    expect((await postXml('clerk', '/api/processes/flow:enterprise-investment/bpmn?baseVersion=1', exported.body)).statusCode).toBe(403);
    expect((await postXml(null, '/api/processes/flow:enterprise-investment/bpmn?baseVersion=1', exported.body)).statusCode).toBe(401);
  });

  it('refuses a document the model cannot express, naming every problem, in the caller\'s language', async () => {
    const exported = (await get('admin', '/api/processes/flow:enterprise-investment/versions/1/bpmn')).body;
    const broken = exported
      .replace(/<bpmn:parallelGateway (id="Gateway_opinions_split"[^]*?)<\/bpmn:parallelGateway>/, '<bpmn:exclusiveGateway $1</bpmn:exclusiveGateway>')
      .replace(' ow:role="chief"', '');
    const res = await postXml('admin', '/api/processes/flow:enterprise-investment/bpmn?baseVersion=1', broken);
    expect(res.statusCode, res.body).toBe(400);
    const fields = res.json().error.fields as { path: string; message: string }[];
    expect(fields.map((f) => f.path)).toEqual(expect.arrayContaining(['bpmn.element.Gateway_opinions_split', 'bpmn.task.chief_check']));
    expect(fields.find((f) => f.path === 'bpmn.task.chief_check')!.message).toMatch(/ow:role/);
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/processes/flow:enterprise-investment/bpmn?baseVersion=1',
      headers: { 'content-type': 'application/xml', 'accept-language': 'en', cookie: await as('admin') },
      payload: broken,
    });
    expect(en.json().error.fields.find((f: { path: string }) => f.path === 'bpmn.task.chief_check').message).toMatch(/which role handles it/);
    const notXml = await postXml('admin', '/api/processes/flow:enterprise-investment/bpmn?baseVersion=1', 'hello');
    expect(notXml.statusCode).toBe(400);
    expect(notXml.json().error.fields[0].path).toBe('bpmn.xml');
    const version = (await get('admin', '/api/processes/flow:enterprise-investment/versions/2')).statusCode;
    expect(version, 'nothing was saved').toBe(404);
  });

  it('applies the same rules as saving a definition, on the task they concern', async () => {
    const exported = (await get('admin', '/api/processes/item:WX-XK-006/versions/1/bpmn')).body;
    const res = await postXml(
      'admin',
      '/api/processes/item:WX-XK-006/bpmn?baseVersion=1',
      exported.replace(/(<bpmn:userTask id="joint_1"[^>]*ow:unitCode=")[A-Z-]+"/, '$1SEC-NOWHERE"').replace(/(<bpmn:userTask id="check"[^>]*ow:limitDays=")\d+"/, '$1120"'),
    );
    expect(res.statusCode, res.body).toBe(400);
    const fields = res.json().error.fields as { path: string; message: string }[];
    expect(fields.map((f) => f.path).sort()).toEqual(['bpmn.process', 'bpmn.task.joint_1.unitCode']);
    expect(fields.find((f) => f.path === 'bpmn.process')!.message).toMatch(/超过承诺时限/);
  });

  it('refuses documents over 1 MB and bodies that are not XML text', async () => {
    const huge = `<?xml version="1.0"?><!--${'x'.repeat(1024 * 1024)}--><definitions/>`;
    const res = await postXml('admin', '/api/processes/item:WX-XK-006/bpmn?baseVersion=1', huge);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/processes/item:WX-XK-006/bpmn?baseVersion=1',
      headers: { cookie: await as('admin') },
      payload: { xml: '<definitions/>' },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.fields[0].path).toBe('body');
    const noBase = await postXml('admin', '/api/processes/item:WX-XK-006/bpmn', '<definitions/>');
    expect(noBase.statusCode).toBe(400);
    expect(noBase.json().error.fields[0].path).toBe('querystring.baseVersion');
  });
});
