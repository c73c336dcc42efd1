/**
 * Demo register: a few market entities of Wei County with issued business licences, made through the same
 * use cases as a registration case (establishEnterprise, issueLicence), as entities registered before the
 * platform (存量主体, no case). Only in demo mode, and only into an empty register.
 */
import { idNumberCheckChar } from '../../../common/id-number';
import type { RegistrationForm } from '../../../common/registration';
import { inTransaction, type Database } from '../../platform/db/client';
import { systemActor, type Clock } from '../../platform/auth/actor';
import { systemWriteContext } from '../../platform/http/context';
import * as repo from './registration.repository';
import { establishEnterprise, issueLicence, type RegistrationDeps } from './registration.service';

function id(body17: string): string {
  return body17 + idNumberCheckChar(body17);
}

const DEMO: (RegistrationForm & { on: string })[] = [
  {
    kind: 'establish',
    enterpriseName: '威县冀南梨业有限公司',
    entityType: '有限责任公司',
    legalRepName: '王建国',
    legalRepIdNumber: id('13053319720816301'),
    registeredCapital: 500,
    townshipCode: '130533101',
    address: '梨园屯村东200米',
    businessScope: '鲜梨种植、收购、储藏、销售；农产品初级加工；果品冷藏服务。（依法须经批准的项目，经相关部门批准后方可开展经营活动）',
    on: '2019-04-16',
  },
  {
    kind: 'establish',
    enterpriseName: '威县鑫达汽车零部件有限公司',
    entityType: '有限责任公司',
    legalRepName: '张立国',
    legalRepIdNumber: id('13053319800203151'),
    registeredCapital: 2000,
    townshipCode: '130533106',
    address: '威县经济开发区纬三路8号',
    businessScope: '汽车零部件及配件制造、销售；金属制品加工；货物进出口。（依法须经批准的项目，经相关部门批准后方可开展经营活动）',
    on: '2021-09-08',
  },
  {
    kind: 'establish',
    enterpriseName: '威县金丰农机专业合作社',
    entityType: '农民专业合作社',
    legalRepName: '李振江',
    legalRepIdNumber: id('13053319680527211'),
    registeredCapital: 120,
    townshipCode: '130533102',
    address: '章台村村委会西侧',
    businessScope: '组织收购、销售成员生产的农产品；为成员提供农业机械耕作、播种、收割服务及技术培训。',
    on: '2020-03-11',
  },
  {
    kind: 'establish',
    enterpriseName: '威县洺州镇晨光便利店',
    entityType: '个体工商户',
    legalRepName: '刘秀兰',
    legalRepIdNumber: id('13053319851109402'),
    townshipCode: '130533100',
    address: '人民路与新华街交叉口东50米',
    businessScope: '日用百货、预包装食品、散装食品零售。',
    on: '2023-06-20',
  },
];

/** Creates the demo register once; returns how many entities it made. */
export async function seedDemoEnterprises(database: Database, deps: RegistrationDeps & { clock: Clock; regionCode: string }): Promise<number> {
  return inTransaction(database.db, async (tx) => {
    if ((await repo.countEnterprises(tx, deps.regionCode)) > 0) return 0;
    const ctx = systemWriteContext(tx, { clock: deps.clock, regionCode: deps.regionCode, actor: systemActor('seed') });
    for (const { on, ...form } of DEMO) {
      const row = await establishEnterprise(ctx, form, { caseId: null, caseNumber: null, on });
      await issueLicence(ctx, deps, row, { caseId: null, caseNumber: null, accountId: null });
    }
    return DEMO.length;
  });
}
