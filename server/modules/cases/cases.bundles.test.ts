/** 联办 (一件事一次办): one intake, linked sub-cases in their sections, the bundle closes with the last one. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../../common/id-number';
import { buildTestApp, TestClock, type TestApp } from '../../test/app';

let t: TestApp;
const clock = new TestClock(new Date('2026-06-08T09:00:00+08:00'));
let clerk = '';

beforeAll(async () => {
  t = await buildTestApp({ clock });
  clerk = await t.login('clerk');
});
afterAll(() => t.close());

const applicant = { kind: 'person', name: '赵建华', idNumber: `13053319750612041${idNumberCheckChar('13053319750612041')}`, phone: '13932001234' };

async function bundleItems(code: string) {
  const bundles = (await t.app.inject({ method: 'GET', url: '/api/public/bundles' })).json();
  const bundle = bundles.find((b: { code: string }) => b.code === code);
  const items = [];
  for (const i of bundle.items) items.push((await t.app.inject({ method: 'GET', url: `/api/public/items/${i.code}` })).json());
  return { bundle, items };
}

describe('联办 bundles', () => {
  it('publishes the bundles with their items and the longest promised limit', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/bundles' });
    expect(res.statusCode).toBe(200);
    const restaurant = res.json().find((b: { code: string }) => b.code === 'YJS-001');
    expect(restaurant.name).toContain('开办餐馆');
    expect(restaurant.items.map((i: { code: string }) => i.code)).toEqual(['WX-XK-097', 'WX-XK-099', 'WX-XK-043']);
    expect(restaurant.promisedLimitDays).toBe(10);
  });

  it('accepts once, splits into linked sub-cases in their sections, and closes with the last sub-case', async () => {
    const { items } = await bundleItems('YJS-001');
    const body = {
      bundleCode: 'YJS-001',
      applicant,
      summary: '威县洺州镇赵记面馆',
      items: items.map((item: { id: string; materials: { id: string; requirement: string }[] }) => ({
        itemId: item.id,
        materials: item.materials.map((m) => ({ itemMaterialId: m.id, status: m.requirement === 'required' ? 'received' : 'not_applicable' })),
      })),
      outcome: 'accept',
    };
    const res = await t.app.inject({ method: 'POST', url: '/api/cases/bundle-intake', headers: { cookie: clerk }, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    const bundle = res.json();
    expect(bundle.number).toBe('130533-20260608-0001');
    expect(bundle.cases.map((c: { itemCode: string }) => c.itemCode)).toEqual(['WX-XK-097', 'WX-XK-099', 'WX-XK-043']);
    expect(bundle.cases.map((c: { number: string }) => c.number)).toEqual(['130533-20260608-0002', '130533-20260608-0003', '130533-20260608-0004']);
    expect(bundle.cases.every((c: { phase: string }) => c.phase === 'in_progress')).toBe(true);
    const detail = (await t.app.inject({ method: 'GET', url: `/api/cases/${bundle.cases[1].id}`, headers: { cookie: clerk } })).json();
    expect(detail.bundle).toEqual({ id: bundle.id, number: bundle.number, name: '开办餐馆（一件事一次办）' });
    expect(detail.phase).toBe('in_progress');
    // The bundle stays open while any sub-case runs; it ends with the last one.
    for (const [i, c] of bundle.cases.entries()) {
      if (i === bundle.cases.length - 1) {
        const open = (await t.app.inject({ method: 'GET', url: `/api/case-bundles/${bundle.id}`, headers: { cookie: clerk } })).json();
        expect(open.closedAt).toBeNull();
      }
      const current = (await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}`, headers: { cookie: clerk } })).json();
      const w = await t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/withdraw`, headers: { cookie: clerk }, payload: { version: current.version, reason: '申请人改变经营计划' } });
      expect(w.statusCode, w.body).toBe(200);
    }
    const after = (await t.app.inject({ method: 'GET', url: `/api/case-bundles/${bundle.id}`, headers: { cookie: clerk } })).json();
    expect(after.closedAt).not.toBeNull();
  });

  it('issues one one-time notice across the items and refuses an incomplete acceptance', async () => {
    const { items } = await bundleItems('YJS-002');
    const parts = items.map((item: { id: string; materials: { id: string; requirement: string }[] }, i: number) => ({
      itemId: item.id,
      materials: item.materials.map((m, j) => ({
        itemMaterialId: m.id,
        status: m.requirement !== 'required' ? 'not_applicable' : i === 1 && j === 0 ? 'missing' : 'received',
        note: i === 1 && j === 0 ? '未提交' : '',
      })),
    }));
    const enterprise = { kind: 'enterprise', name: '威县悦来宾馆有限公司', idNumber: '91130533MA0CX7P1', phone: '13932005678' };
    const bad = await t.app.inject({ method: 'POST', url: '/api/cases/bundle-intake', headers: { cookie: clerk }, payload: { bundleCode: 'YJS-002', applicant: enterprise, items: parts, outcome: 'accept' } });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toContain('body.applicant.idNumber');
    expect(paths.some((p: string) => p.startsWith('body.items.1.materials'))).toBe(true);
    const { composeCreditCode } = await import('../../../common/credit-code');
    const notice = await t.app.inject({
      method: 'POST',
      url: '/api/cases/bundle-intake',
      headers: { cookie: clerk },
      payload: {
        bundleCode: 'YJS-002',
        applicant: { ...enterprise, idNumber: composeCreditCode('9', '1', '130533', 'MA0CX7P1') },
        // The bundle's registration item takes its 登记信息 (server/modules/registration).
        form: {
          kind: 'establish',
          enterpriseName: '威县悦来宾馆有限公司',
          entityType: '有限责任公司',
          legalRepName: '孙海军',
          legalRepIdNumber: '130533197905063117',
          registeredCapital: 50,
          townshipCode: '130533100',
          address: '洺州镇人民路66号',
          businessScope: '住宿服务。',
        },
        items: parts,
        outcome: 'request_materials',
      },
    });
    expect(notice.statusCode, notice.body).toBe(201);
    expect(notice.json().cases.every((c: { phase: string }) => c.phase === 'awaiting_materials')).toBe(true);
    const missing = await t.app.inject({ method: 'POST', url: '/api/cases/bundle-intake', headers: { cookie: clerk }, payload: { bundleCode: 'YJS-002', applicant, items: parts.slice(0, 2), outcome: 'accept' } });
    expect(missing.statusCode).toBe(400);
  });
});
