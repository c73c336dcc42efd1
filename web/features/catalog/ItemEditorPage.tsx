/**
 * 新增 / 编辑事项: every field of an item, its fees and its materials (add, remove, reorder, edit; templates
 * for saved materials). Saving an edit sends the version read; when someone else saved first the server
 * answers 409 and the page offers to reload.
 */
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Tooltip,
  type FormInstance,
} from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  AUDIENCES,
  ITEM_TYPES,
  LIFE_EVENTS,
  LIMIT_UNITS,
  MATERIAL_FORMS,
  PROCESSING_CLASSES,
  type Audience,
  type ItemType,
  type LifeEventCode,
  type LimitUnit,
  type MaterialForm,
  type ProcessingClass,
} from '../../../common/catalog';
import { api, ApiError, errorMessage, type ApiFieldError } from '../../api/client';
import type { ItemDetail, ItemInput, UnitView } from '../../api/types';
import { applyFieldErrors } from '../../components/form-errors';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/States';
import { useLabels } from '../../i18n/labels';
import { STAFF_ITEMS_KEY, useStaffItem, useStaffOrg, useStaffUnits } from './catalog.staff-queries';
import { templateUrl } from './format';
import { TemplateUpload } from './TemplateUpload';

interface MaterialValues {
  id?: string;
  name: string;
  form: MaterialForm;
  copies: number;
  requirement: 'required' | 'conditional';
  condition: string;
  sourceNote: string;
  reusableCertificate: string;
  notes: string;
  /** Shown only; templates are uploaded separately. */
  templateFileName?: string | null;
  templateFileSha256?: string | null;
}

interface ItemValues {
  code: string;
  name: string;
  type: ItemType;
  scope: 'bureau' | 'center';
  originDepartmentId?: string;
  executingUnitId?: string;
  zoneId?: string;
  legalBasis: string;
  legalLimitValue: number | null;
  legalLimitUnit?: LimitUnit;
  legalLimitNote: string;
  promisedLimitDays: number | null;
  processingClass: ProcessingClass;
  conditions: string;
  resultName: string;
  fees: { name: string; amount: string; basis: string }[];
  maxVisits: number;
  isOnline: boolean;
  audience: Audience;
  lifeEvents: LifeEventCode[];
  status: 'active' | 'suspended';
  materials: MaterialValues[];
}

const EMPTY_MATERIAL: MaterialValues = {
  name: '',
  form: 'original',
  copies: 1,
  requirement: 'required',
  condition: '',
  sourceNote: '',
  reusableCertificate: '',
  notes: '',
};

const NEW_ITEM: ItemValues = {
  code: '',
  name: '',
  type: '行政许可',
  scope: 'bureau',
  legalBasis: '',
  legalLimitValue: 20,
  legalLimitUnit: 'workday',
  legalLimitNote: '',
  promisedLimitDays: 10,
  processingClass: '承诺件',
  conditions: '',
  resultName: '',
  fees: [],
  maxVisits: 1,
  isOnline: true,
  audience: 'both',
  lifeEvents: [],
  status: 'active',
  materials: [{ ...EMPTY_MATERIAL }],
};

function valuesOf(item: ItemDetail): ItemValues {
  return {
    code: item.code,
    name: item.name,
    type: item.type,
    scope: item.scope,
    originDepartmentId: item.originDepartment?.id,
    executingUnitId: item.executingUnit.id,
    zoneId: item.zone?.id,
    legalBasis: item.legalBasis,
    legalLimitValue: item.legalLimit.value,
    legalLimitUnit: item.legalLimit.unit ?? undefined,
    legalLimitNote: item.legalLimit.note,
    promisedLimitDays: item.promisedLimitDays,
    processingClass: item.processingClass,
    conditions: item.conditions,
    resultName: item.resultName,
    fees: item.fees,
    maxVisits: item.maxVisits,
    isOnline: item.isOnline,
    audience: item.audience,
    lifeEvents: item.lifeEvents,
    status: item.status,
    materials: item.materials.map((m) => ({
      id: m.id,
      name: m.name,
      form: m.form,
      copies: m.copies,
      requirement: m.requirement,
      condition: m.condition,
      sourceNote: m.sourceNote,
      reusableCertificate: m.reusableCertificate ?? '',
      notes: m.notes,
      templateFileName: m.templateFileName,
      templateFileSha256: m.templateFileSha256,
    })),
  };
}

/** The request body: empty choices become null, as the schema wants. */
function bodyOf(v: ItemValues): ItemInput {
  return {
    code: v.code.trim(),
    name: v.name,
    type: v.type,
    scope: v.scope,
    originDepartmentId: v.originDepartmentId ?? null,
    executingUnitId: v.executingUnitId ?? '',
    zoneId: v.zoneId ?? null,
    legalBasis: v.legalBasis ?? '',
    legalLimitValue: v.legalLimitValue ?? null,
    legalLimitUnit: v.legalLimitUnit ?? null,
    legalLimitNote: v.legalLimitNote ?? '',
    promisedLimitDays: v.promisedLimitDays ?? null,
    processingClass: v.processingClass,
    conditions: v.conditions ?? '',
    resultName: v.resultName ?? '',
    fees: (v.fees ?? []).map((f) => ({ name: f.name, amount: f.amount, basis: f.basis })),
    maxVisits: v.maxVisits,
    isOnline: v.isOnline,
    audience: v.audience,
    lifeEvents: v.lifeEvents,
    status: v.status,
    materials: (v.materials ?? []).map((m) => ({
      ...(m.id ? { id: m.id } : {}),
      name: m.name,
      form: m.form,
      copies: m.copies,
      requirement: m.requirement,
      condition: m.requirement === 'conditional' ? (m.condition ?? '') : '',
      sourceNote: m.sourceNote ?? '',
      reusableCertificate: m.reusableCertificate?.trim() ? m.reusableCertificate.trim() : null,
      notes: m.notes ?? '',
    })),
  };
}

function unitOptions(units: UnitView[], kinds: string[], inactive: (name: string) => string) {
  return units.filter((u) => kinds.includes(u.kind)).map((u) => ({ value: u.id, label: u.active ? u.name : inactive(u.name) }));
}

function MaterialsEditor({ form, itemId, onTemplate }: { form: FormInstance<ItemValues>; itemId?: string; onTemplate: (item: ItemDetail) => void }) {
  const { t } = useTranslation('console');
  const labels = useLabels();
  return (
    <Form.List
      name="materials"
      rules={[
        {
          validator: async (_, value: MaterialValues[] | undefined) => {
            if (!value || value.length === 0) throw new Error(t('editor.materialsRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove, move }, { errors }) => (
        <>
          {fields.map((field, index) => {
            const saved = form.getFieldValue(['materials', field.name]) as MaterialValues | undefined;
            return (
              <fieldset key={field.key} className="ow-material-editor" aria-label={t('editor.materialN', { n: index + 1 })}>
                <div className="ow-material-editor__head">
                  <strong>{t('editor.materialN', { n: index + 1 })}</strong>
                  <Space size={4} wrap>
                    <Tooltip title={t('editor.moveUp')}>
                      <Button size="small" icon={<ArrowUpOutlined />} aria-label={t('editor.moveUpN', { n: index + 1 })} disabled={index === 0} onClick={() => move(index, index - 1)} />
                    </Tooltip>
                    <Tooltip title={t('editor.moveDown')}>
                      <Button
                        size="small"
                        icon={<ArrowDownOutlined />}
                        aria-label={t('editor.moveDownN', { n: index + 1 })}
                        disabled={index === fields.length - 1}
                        onClick={() => move(index, index + 1)}
                      />
                    </Tooltip>
                    <Tooltip title={t('editor.removeMaterial')}>
                      <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('editor.removeMaterialN', { n: index + 1 })} onClick={() => remove(field.name)} />
                    </Tooltip>
                  </Space>
                </div>
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item label={t('material.name')} name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 120 }]}>
                      <Input maxLength={120} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item label={t('material.form')} name={[field.name, 'form']} rules={[{ required: true, message: t('form.required') }]}>
                      <Select options={MATERIAL_FORMS.map((f) => ({ value: f, label: labels.materialForm(f) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item label={t('material.copies')} name={[field.name, 'copies']} rules={[{ required: true, message: t('form.required') }]}>
                      <InputNumber min={0} max={20} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item label={t('material.requirement')} name={[field.name, 'requirement']} rules={[{ required: true, message: t('form.required') }]}>
                      <Select
                        options={[
                          { value: 'required', label: t('material.requirements.required') },
                          { value: 'conditional', label: t('material.requirements.conditional') },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item label={t('material.sourceNote')} name={[field.name, 'sourceNote']} rules={[{ max: 100 }]}>
                      <Input maxLength={100} placeholder={t('editor.sourcePlaceholder')} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <Form.Item label={t('material.reusableCertificate')} name={[field.name, 'reusableCertificate']} rules={[{ max: 60 }]} tooltip={t('editor.reusableHelp')}>
                      <Input maxLength={60} placeholder={t('editor.reusablePlaceholder')} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <Form.Item label={t('material.notes')} name={[field.name, 'notes']} rules={[{ max: 300 }]}>
                      <Input maxLength={300} />
                    </Form.Item>
                  </Col>
                  <Form.Item noStyle shouldUpdate={(a: ItemValues, b: ItemValues) => a.materials?.[field.name]?.requirement !== b.materials?.[field.name]?.requirement}>
                    {() =>
                      form.getFieldValue(['materials', field.name, 'requirement']) === 'conditional' ? (
                        <Col xs={24}>
                          <Form.Item
                            label={t('material.condition')}
                            name={[field.name, 'condition']}
                            rules={[{ required: true, whitespace: true, message: t('editor.conditionRequired') }, { max: 300 }]}
                          >
                            <Input maxLength={300} placeholder={t('editor.conditionPlaceholder')} />
                          </Form.Item>
                        </Col>
                      ) : null
                    }
                  </Form.Item>
                  <Col xs={24}>
                    <div className="ow-small">
                      <span className="ow-muted">{t('material.template')}：</span>
                      {saved?.templateFileSha256 ? (
                        <a href={templateUrl(saved.templateFileSha256)} download={saved.templateFileName ?? undefined}>
                          {saved.templateFileName ?? t('material.templateFile')}
                        </a>
                      ) : (
                        <span className="ow-muted">{t('material.noTemplate')}</span>
                      )}{' '}
                      {itemId && saved?.id ? (
                        <TemplateUpload itemId={itemId} materialId={saved.id} hasTemplate={Boolean(saved.templateFileSha256)} onUploaded={onTemplate} />
                      ) : (
                        <span className="ow-muted">（{t('editor.templateAfterSave')}）</span>
                      )}
                    </div>
                  </Col>
                </Row>
              </fieldset>
            );
          })}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ ...EMPTY_MATERIAL })}>
            {t('editor.addMaterial')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

function FeesEditor() {
  const { t } = useTranslation('console');
  return (
    <Form.List name="fees">
      {(fields, { add, remove }) => (
        <>
          {fields.length === 0 && <p className="ow-muted">{t('editor.noFees')}</p>}
          {fields.map((field, index) => (
            <Row key={field.key} gutter={8} align="top">
              <Col xs={24} md={6}>
                <Form.Item label={t('editor.feeName')} name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 60 }]}>
                  <Input maxLength={60} />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item label={t('editor.feeAmount')} name={[field.name, 'amount']} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 60 }]}>
                  <Input maxLength={60} placeholder={t('editor.feeAmountPlaceholder')} />
                </Form.Item>
              </Col>
              <Col xs={20} md={10}>
                <Form.Item label={t('editor.feeBasis')} name={[field.name, 'basis']} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 200 }]}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col xs={4} md={2}>
                <Form.Item label=" " colon={false}>
                  <Button danger icon={<DeleteOutlined />} aria-label={t('editor.removeFeeN', { n: index + 1 })} onClick={() => remove(field.name)} />
                </Form.Item>
              </Col>
            </Row>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', amount: '', basis: '' })}>
            {t('editor.addFee')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

function Editor({ item }: { item?: ItemDetail }) {
  const { t } = useTranslation('console');
  const labels = useLabels();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const [form] = Form.useForm<ItemValues>();
  const units = useStaffUnits();
  const org = useStaffOrg();
  const [version, setVersion] = useState(item?.version ?? 0);
  const [unmatched, setUnmatched] = useState<ApiFieldError[]>([]);
  const [conflict, setConflict] = useState(false);
  const scope = Form.useWatch('scope', form) ?? item?.scope ?? 'bureau';
  const isNew = !item;

  const initialValues = useMemo(() => (item ? valuesOf(item) : NEW_ITEM), [item]);

  const save = useMutation({
    mutationFn: (values: ItemValues) => {
      const body = bodyOf(values);
      if (!item) return api.post<ItemDetail>('/api/catalog/items', body);
      const { code: _code, ...rest } = body;
      return api.put<ItemDetail>(`/api/catalog/items/${item.id}`, { ...rest, version });
    },
    onMutate: () => {
      setUnmatched([]);
      setConflict(false);
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData([...STAFF_ITEMS_KEY, 'item', saved.id], saved);
      await queryClient.invalidateQueries({ queryKey: [...STAFF_ITEMS_KEY, 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['public'] });
      void message.success(isNew ? t('editor.created') : t('editor.saved'));
      void navigate(`/staff/catalog/${saved.id}`);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.isConflict) {
        setConflict(true);
        return;
      }
      setUnmatched(applyFieldErrors(form, err));
    },
  });

  const reload = () => {
    if (!item) return;
    modal.confirm({
      title: t('editor.reloadTitle'),
      content: t('editor.reloadContent'),
      okText: t('editor.reload'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        const fresh = await queryClient.fetchQuery({
          queryKey: [...STAFF_ITEMS_KEY, 'item', item.id],
          queryFn: () => api.get<ItemDetail>(`/api/catalog/items/${item.id}`),
          staleTime: 0,
        });
        form.resetFields();
        form.setFieldsValue(valuesOf(fresh));
        setVersion(fresh.version);
        setConflict(false);
        save.reset();
      },
    });
  };

  /** A template upload raises the item's version; the form keeps the user's edits but learns the new version. */
  const onTemplate = (updated: ItemDetail) => {
    setVersion(updated.version);
    const materials = (form.getFieldValue('materials') as MaterialValues[]).map((m) => {
      const fresh = updated.materials.find((x) => x.id === m.id);
      return fresh ? { ...m, templateFileName: fresh.templateFileName, templateFileSha256: fresh.templateFileSha256 } : m;
    });
    form.setFieldValue('materials', materials);
  };

  const unitList = units.data ?? [];
  const inactive = (name: string) => t('editor.inactiveUnit', { name });
  const executingKinds = scope === 'bureau' ? ['section', 'centre', 'bureau'] : ['center_unit'];
  const zones = org.data?.zones ?? [];
  const zoneOptions = zones
    .filter((z) => z.kind === 'hall')
    .map((hall) => ({
      label: hall.name,
      options: [{ value: hall.id, label: hall.name }, ...zones.filter((z) => z.parentId === hall.id).map((z) => ({ value: z.id, label: `${hall.name} / ${z.name}` }))],
    }));

  const genericError = save.error && !(save.error instanceof ApiError && (save.error.isConflict || save.error.fields.length > 0));

  return (
    <Form<ItemValues>
      form={form}
      name="item-editor"
      layout="vertical"
      initialValues={initialValues}
      onFinish={(values) => save.mutate(values)}
      onFinishFailed={({ errorFields }) => {
        const first = errorFields[0];
        if (first) form.scrollToField(first.name, { block: 'center' });
      }}
      scrollToFirstError={false}
      disabled={save.isPending}
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          message={save.error ? errorMessage(save.error) : t('editor.conflict')}
          action={
            <Button size="small" type="primary" onClick={reload} disabled={false}>
              {t('editor.reload')}
            </Button>
          }
        />
      )}
      {genericError && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={errorMessage(save.error)} />}
      {unmatched.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          message={t('form.fixErrors')}
          description={
            <ul className="ow-plain-list">
              {unmatched.map((f, i) => (
                <li key={i}>
                  {f.path}：{f.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {save.error instanceof ApiError && save.error.fields.length > 0 && unmatched.length === 0 && (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={errorMessage(save.error)} />
      )}

      <Card title={t('editor.sections.basic')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              label={t('catalog.fields.code')}
              name="code"
              extra={isNew ? t('editor.codeHelp') : undefined}
              rules={[
                { required: true, message: t('form.required') },
                { pattern: /^[A-Z]{2}-[A-Z]{2}-\d{3}$/, message: t('editor.codeFormat') },
              ]}
            >
              <Input disabled={!isNew} maxLength={9} placeholder="WX-XK-001" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item label={t('catalog.fields.name')} name="name" rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 120 }]}>
              <Input maxLength={120} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('catalog.fields.type')} name="type" rules={[{ required: true }]}>
              <Select options={ITEM_TYPES.map((x) => ({ value: x, label: labels.itemType(x) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('catalog.fields.scope')} name="scope" rules={[{ required: true }]}>
              <Select
                options={[
                  { value: 'bureau', label: t('catalog.scope.bureau') },
                  { value: 'center', label: t('catalog.scope.center') },
                ]}
                onChange={() => form.setFieldValue('executingUnitId', undefined)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('catalog.fields.status')} name="status" rules={[{ required: true }]}>
              <Select
                options={[
                  { value: 'active', label: t('catalog.status.active') },
                  { value: 'suspended', label: t('catalog.status.suspended') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label={t('catalog.fields.originDepartment')}
              name="originDepartmentId"
              rules={[{ required: scope === 'bureau', message: t('editor.originRequired') }]}
            >
              <Select allowClear showSearch optionFilterProp="label" loading={units.isPending} options={unitOptions(unitList, ['department'], inactive)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('catalog.fields.executingUnit')} name="executingUnitId" rules={[{ required: true, message: t('form.required') }]}>
              <Select showSearch optionFilterProp="label" loading={units.isPending} options={unitOptions(unitList, executingKinds, inactive)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('catalog.fields.zone')} name="zoneId">
              <Select allowClear loading={org.isPending} options={zoneOptions} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('catalog.fields.audience')} name="audience" rules={[{ required: true }]}>
              <Select options={AUDIENCES.map((a) => ({ value: a, label: t(`editor.audience.${a}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              label={t('catalog.fields.lifeEvents')}
              name="lifeEvents"
              rules={[
                { required: true, type: 'array', min: 1, message: t('editor.lifeEventsRequired') },
                { type: 'array', max: 10, message: t('editor.lifeEventsMax') },
              ]}
            >
              <Select mode="multiple" optionFilterProp="label" options={LIFE_EVENTS.map((e) => ({ value: e.code, label: labels.lifeEvent(e.code) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('catalog.fields.resultName')} name="resultName" rules={[{ max: 60 }]}>
              <Input maxLength={60} placeholder={t('editor.resultPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item label={t('catalog.fields.maxVisits')} name="maxVisits" rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber min={0} max={5} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item label={t('catalog.fields.isOnline')} name="isOnline" valuePropName="checked">
              <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('editor.sections.limits')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item label={t('catalog.fields.processingClass')} name="processingClass" rules={[{ required: true }]}>
              <Select
                options={PROCESSING_CLASSES.map((p) => ({ value: p, label: labels.processingClass(p) }))}
                onChange={(value: ProcessingClass) => {
                  if (value === '即办件') form.setFieldValue('promisedLimitDays', 0);
                }}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label={t('catalog.fields.promisedLimitDays')} name="promisedLimitDays" extra={t('editor.promisedHelp')}>
              <InputNumber min={0} max={400} precision={0} style={{ width: '100%' }} addonAfter={t('editor.workdays')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label={t('catalog.fields.legalLimitValue')} name="legalLimitValue">
              <InputNumber min={0} max={400} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label={t('catalog.fields.legalLimitUnit')} name="legalLimitUnit">
              <Select allowClear options={LIMIT_UNITS.map((u) => ({ value: u, label: t(`editor.limitUnit.${u}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label={t('catalog.fields.legalLimitNote')} name="legalLimitNote" rules={[{ max: 100 }]}>
              <Input maxLength={100} placeholder={t('editor.legalNotePlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('editor.sections.text')} style={{ marginBottom: 16 }}>
        <Form.Item label={t('catalog.fields.conditions')} name="conditions" rules={[{ max: 800 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={800} showCount />
        </Form.Item>
        <Form.Item label={t('catalog.fields.legalBasis')} name="legalBasis" rules={[{ max: 600 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={600} showCount />
        </Form.Item>
      </Card>

      <Card title={t('catalog.fields.fees')} style={{ marginBottom: 16 }}>
        <FeesEditor />
      </Card>

      <Card title={t('editor.sections.materialsEdit')} style={{ marginBottom: 16 }}>
        <MaterialsEditor form={form} itemId={item?.id} onTemplate={onTemplate} />
      </Card>

      <div className="ow-toolbar ow-sticky-actions">
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {isNew ? t('editor.create') : t('common.save')}
        </Button>
        <Button onClick={() => void navigate(item ? `/staff/catalog/${item.id}` : '/staff/catalog')}>{t('common.cancel')}</Button>
      </div>
    </Form>
  );
}

export function ItemEditorPage() {
  const { id } = useParams();
  const { t } = useTranslation('console');
  const item = useStaffItem(id);
  const isNew = !id;
  return (
    <>
      <PageHeader title={isNew ? t('editor.newTitle') : t('editor.editTitle', { name: item.data?.name ?? '' })}>
        <Link to={id ? `/staff/catalog/${id}` : '/staff/catalog'}>← {t('common.back')}</Link>
      </PageHeader>
      {isNew ? (
        <Editor />
      ) : item.isPending ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : item.isError ? (
        <ErrorState error={item.error} onRetry={() => void item.refetch()} />
      ) : (
        <Editor key={item.data.id} item={item.data} />
      )}
    </>
  );
}
